-- Where a grid lies: a polygon drawn on the map (GeoJSON Polygon coordinates, WGS 84), so that a
-- request made at a point inside reaches the grid's worker. NULL: not drawn yet.
ALTER TABLE org_grid ADD COLUMN boundary TEXT;
