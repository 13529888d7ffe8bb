-- Where residents find a village's or community's office (or a township's): address, a public
-- phone number and opening hours, as the resident pages show them. One row per unit; the unit's
-- staff keep it current.
CREATE TABLE org_unit_office (
  code TEXT PRIMARY KEY REFERENCES org_unit (code),
  address TEXT NOT NULL,
  phone TEXT NOT NULL,
  hours TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
