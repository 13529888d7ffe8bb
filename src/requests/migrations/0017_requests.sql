-- Requests handled on receipt (接诉即办): the catalogue of categories, the working-day calendar,
-- the cases and their timelines. Times are format_timestamp text (UTC); dates YYYY-MM-DD.

-- The catalogue: a two-level tree (a group, then its leaves; cases name a leaf). time_limit is a
-- class of requests/catalogue.hpp; handling_level the org::Level that handles a case by default
-- (5 village or community, 4 township, 3 county); attributes the questions a leaf asks (JSON).
CREATE TABLE request_category (
  code TEXT PRIMARY KEY,
  parent_code TEXT REFERENCES request_category (code),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  time_limit TEXT NOT NULL,
  handling_level INTEGER NOT NULL,
  attributes TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  sort INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- 14 groups and 55 categories covering the service scenes of the plan, section 3 (2) 2 and 3.
INSERT INTO request_category (code, parent_code, name_zh, name_en, time_limit, handling_level, attributes, sort) VALUES
  ('municipal', NULL, '市政设施', 'Municipal facilities', 'general', 4, '[]', 10),
  ('municipal.streetlight', 'municipal', '路灯', 'Street lights', 'general', 5, '[{"key":"pole","label":{"zh":"灯杆编号","en":"Pole number"},"type":"text","required":false}]', 11),
  ('municipal.road', 'municipal', '道路破损', 'Damaged roads', 'general', 4, '[]', 12),
  ('municipal.manhole', 'municipal', '井盖缺失或损坏', 'Missing or broken manhole covers', 'emergency', 4, '[]', 13),
  ('municipal.drainage', 'municipal', '排水不畅', 'Blocked drains', 'general', 4, '[]', 14),
  ('municipal.greenery', 'municipal', '绿化养护', 'Green space upkeep', 'general', 5, '[]', 15),
  ('utility', NULL, '水电气热', 'Water, power, gas and heating', 'utility', 4, '[]', 20),
  ('utility.water', 'utility', '停水或水质', 'Water supply or quality', 'utility', 4, '[{"key":"households","label":{"zh":"影响户数","en":"Households affected"},"type":"number","required":false}]', 21),
  ('utility.power', 'utility', '停电', 'Power cuts', 'utility', 4, '[{"key":"households","label":{"zh":"影响户数","en":"Households affected"},"type":"number","required":false}]', 22),
  ('utility.gas', 'utility', '燃气供应', 'Gas supply', 'utility', 4, '[{"key":"households","label":{"zh":"影响户数","en":"Households affected"},"type":"number","required":false}]', 23),
  ('utility.heating', 'utility', '供暖不热', 'Heating', 'utility', 4, '[{"key":"temperature","label":{"zh":"室内温度（℃）","en":"Indoor temperature (°C)"},"type":"number","required":true}]', 24),
  ('property', NULL, '物业管理', 'Property management', 'general', 5, '[]', 30),
  ('property.elevator', 'property', '电梯故障', 'Lift out of order', 'utility', 5, '[{"key":"trapped","label":{"zh":"是否有人被困","en":"Someone trapped"},"type":"boolean","required":true},{"key":"building","label":{"zh":"楼栋","en":"Building"},"type":"text","required":false}]', 31),
  ('property.fees', 'property', '物业收费', 'Property fees', 'general', 5, '[]', 32),
  ('property.cleaning', 'property', '小区保洁', 'Estate cleaning', 'general', 5, '[]', 33),
  ('property.parking', 'property', '停车管理', 'Parking', 'general', 5, '[]', 34),
  ('property.repair', 'property', '公共部位维修', 'Repairs to common parts', 'general', 5, '[]', 35),
  ('elderly', NULL, '养老服务', 'Care for older people', 'general', 5, '[]', 40),
  ('elderly.meals', 'elderly', '助餐', 'Meals', 'general', 5, '[{"key":"diet","label":{"zh":"饮食要求","en":"Diet"},"type":"choice","required":false,"choices":["普通","软食","流食","低糖","低盐"]}]', 41),
  ('elderly.bathing', 'elderly', '助浴', 'Bathing', 'general', 5, '[]', 42),
  ('elderly.housework', 'elderly', '助洁', 'Housework', 'general', 5, '[]', 43),
  ('elderly.medical', 'elderly', '助医', 'Help with medical care', 'general', 5, '[]', 44),
  ('elderly.visit', 'elderly', '探访关爱', 'Visits', 'general', 5, '[]', 45),
  ('elderly.adaptation', 'elderly', '适老化改造', 'Home adaptation for old age', 'complex', 4, '[]', 46),
  ('children', NULL, '托育与未成年人', 'Childcare and minors', 'general', 5, '[]', 50),
  ('children.childcare', 'children', '托育服务', 'Childcare', 'general', 5, '[]', 51),
  ('children.protection', 'children', '未成年人保护', 'Child protection', 'emergency', 4, '[]', 52),
  ('children.left_behind', 'children', '留守儿童关爱', 'Left-behind children', 'general', 5, '[]', 53),
  ('health', NULL, '医疗卫生', 'Health', 'general', 5, '[]', 60),
  ('health.clinic', 'health', '社区卫生服务', 'Community health services', 'general', 5, '[]', 61),
  ('health.family_doctor', 'health', '家庭医生签约', 'Family doctor', 'general', 5, '[]', 62),
  ('health.mental', 'health', '心理援助', 'Psychological support', 'general', 5, '[]', 63),
  ('employment', NULL, '就业社保', 'Jobs and social insurance', 'general', 4, '[]', 70),
  ('employment.registration', 'employment', '就业失业登记', 'Employment registration', 'general', 4, '[]', 71),
  ('employment.jobs', 'employment', '求职招聘', 'Job seeking', 'general', 4, '[]', 72),
  ('employment.insurance', 'employment', '社保医保', 'Social and medical insurance', 'general', 4, '[]', 73),
  ('assistance', NULL, '社会救助', 'Social assistance', 'complex', 4, '[]', 80),
  ('assistance.subsistence', 'assistance', '低保特困', 'Subsistence and special hardship', 'complex', 4, '[]', 81),
  ('assistance.temporary', 'assistance', '临时救助', 'Temporary assistance', 'general', 4, '[]', 82),
  ('assistance.disability', 'assistance', '扶残助残', 'Support for disabled people', 'general', 5, '[]', 83),
  ('dispute', NULL, '矛盾纠纷', 'Disputes', 'general', 5, '[]', 90),
  ('dispute.neighbour', 'dispute', '邻里纠纷', 'Between neighbours', 'general', 5, '[{"key":"parties","label":{"zh":"当事人数","en":"People involved"},"type":"number","required":false}]', 91),
  ('dispute.family', 'dispute', '家庭纠纷', 'Within a family', 'general', 5, '[]', 92),
  ('dispute.property', 'dispute', '物业纠纷', 'With the property manager', 'complex', 4, '[]', 93),
  ('dispute.wages', 'dispute', '劳资纠纷', 'Unpaid wages', 'complex', 3, '[]', 94),
  ('safety', NULL, '平安建设与应急', 'Safety and emergencies', 'emergency', 5, '[]', 100),
  ('safety.hazard', 'safety', '安全隐患', 'Safety hazards', 'emergency', 5, '[{"key":"kind","label":{"zh":"隐患类型","en":"Kind of hazard"},"type":"choice","required":true,"choices":["用电","用气","用火","建筑","其他"]}]', 101),
  ('safety.gas_leak', 'safety', '燃气泄漏', 'Gas leaks', 'emergency', 4, '[]', 102),
  ('safety.fire_lane', 'safety', '消防通道堵塞', 'Blocked fire lanes', 'emergency', 5, '[]', 103),
  ('safety.disaster', 'safety', '地质灾害险情', 'Geological hazards', 'emergency', 3, '[]', 104),
  ('safety.noise', 'safety', '噪声扰民', 'Noise', 'general', 5, '[]', 105),
  ('safety.public_order', 'safety', '治安问题', 'Public order', 'general', 4, '[]', 106),
  ('safety.traffic', 'safety', '交通安全', 'Road safety', 'general', 4, '[]', 107),
  ('environment', NULL, '环境卫生', 'Environment', 'general', 5, '[]', 110),
  ('environment.garbage', 'environment', '垃圾清运', 'Rubbish collection', 'general', 5, '[]', 111),
  ('environment.recycling', 'environment', '再生资源回收', 'Recycling', 'general', 5, '[]', 112),
  ('environment.pollution', 'environment', '污染扰民', 'Pollution', 'complex', 3, '[]', 113),
  ('living', NULL, '便民生活', 'Everyday services', 'general', 5, '[]', 120),
  ('living.repair', 'living', '维修家政', 'Repairs and housekeeping', 'general', 5, '[]', 121),
  ('living.delivery', 'living', '快递收寄', 'Parcels', 'general', 5, '[]', 122),
  ('living.shops', 'living', '餐饮零售', 'Food and shops', 'general', 5, '[]', 123),
  ('living.hairdressing', 'living', '美容美发', 'Hairdressing', 'general', 5, '[]', 124),
  ('affairs', NULL, '政务办事', 'Public services', 'general', 5, '[]', 130),
  ('affairs.certificate', 'affairs', '证明开具', 'Certificates', 'general', 5, '[]', 131),
  ('affairs.policy', 'affairs', '政策咨询', 'Policy questions', 'general', 5, '[]', 132),
  ('affairs.suggestion', 'affairs', '意见建议', 'Suggestions', 'complex', 4, '[]', 133),
  ('culture', NULL, '文化体育', 'Culture and sport', 'general', 5, '[]', 140),
  ('culture.venue', 'culture', '文体场地', 'Venues', 'general', 5, '[]', 141),
  ('culture.activity', 'culture', '文体活动', 'Activities', 'general', 5, '[]', 142);

-- The days that differ from Monday to Friday (holidays, and weekend days worked in exchange), as
-- the State Council publishes them: 国办发明电〔2024〕12号 for 2025, 国办发明电〔2025〕7号 for 2026.
CREATE TABLE request_calendar_day (
  day TEXT PRIMARY KEY,
  working INTEGER NOT NULL,
  name TEXT NOT NULL
);
INSERT INTO request_calendar_day (day, working, name) VALUES
  ('2025-01-01', 0, '元旦'),
  ('2025-01-26', 1, '春节'),
  ('2025-01-28', 0, '春节'),
  ('2025-01-29', 0, '春节'),
  ('2025-01-30', 0, '春节'),
  ('2025-01-31', 0, '春节'),
  ('2025-02-01', 0, '春节'),
  ('2025-02-02', 0, '春节'),
  ('2025-02-03', 0, '春节'),
  ('2025-02-04', 0, '春节'),
  ('2025-02-08', 1, '春节'),
  ('2025-04-04', 0, '清明节'),
  ('2025-04-05', 0, '清明节'),
  ('2025-04-06', 0, '清明节'),
  ('2025-04-27', 1, '劳动节'),
  ('2025-05-01', 0, '劳动节'),
  ('2025-05-02', 0, '劳动节'),
  ('2025-05-03', 0, '劳动节'),
  ('2025-05-04', 0, '劳动节'),
  ('2025-05-05', 0, '劳动节'),
  ('2025-05-31', 0, '端午节'),
  ('2025-06-01', 0, '端午节'),
  ('2025-06-02', 0, '端午节'),
  ('2025-09-28', 1, '国庆节、中秋节'),
  ('2025-10-01', 0, '国庆节、中秋节'),
  ('2025-10-02', 0, '国庆节、中秋节'),
  ('2025-10-03', 0, '国庆节、中秋节'),
  ('2025-10-04', 0, '国庆节、中秋节'),
  ('2025-10-05', 0, '国庆节、中秋节'),
  ('2025-10-06', 0, '国庆节、中秋节'),
  ('2025-10-07', 0, '国庆节、中秋节'),
  ('2025-10-08', 0, '国庆节、中秋节'),
  ('2025-10-11', 1, '国庆节、中秋节'),
  ('2026-01-01', 0, '元旦'),
  ('2026-01-02', 0, '元旦'),
  ('2026-01-03', 0, '元旦'),
  ('2026-01-04', 1, '元旦'),
  ('2026-02-14', 1, '春节'),
  ('2026-02-15', 0, '春节'),
  ('2026-02-16', 0, '春节'),
  ('2026-02-17', 0, '春节'),
  ('2026-02-18', 0, '春节'),
  ('2026-02-19', 0, '春节'),
  ('2026-02-20', 0, '春节'),
  ('2026-02-21', 0, '春节'),
  ('2026-02-22', 0, '春节'),
  ('2026-02-23', 0, '春节'),
  ('2026-02-28', 1, '春节'),
  ('2026-04-04', 0, '清明节'),
  ('2026-04-05', 0, '清明节'),
  ('2026-04-06', 0, '清明节'),
  ('2026-05-01', 0, '劳动节'),
  ('2026-05-02', 0, '劳动节'),
  ('2026-05-03', 0, '劳动节'),
  ('2026-05-04', 0, '劳动节'),
  ('2026-05-05', 0, '劳动节'),
  ('2026-05-09', 1, '劳动节'),
  ('2026-06-19', 0, '端午节'),
  ('2026-06-20', 0, '端午节'),
  ('2026-06-21', 0, '端午节'),
  ('2026-09-20', 1, '国庆节'),
  ('2026-09-25', 0, '中秋节'),
  ('2026-09-26', 0, '中秋节'),
  ('2026-09-27', 0, '中秋节'),
  ('2026-10-01', 0, '国庆节'),
  ('2026-10-02', 0, '国庆节'),
  ('2026-10-03', 0, '国庆节'),
  ('2026-10-04', 0, '国庆节'),
  ('2026-10-05', 0, '国庆节'),
  ('2026-10-06', 0, '国庆节'),
  ('2026-10-07', 0, '国庆节'),
  ('2026-10-10', 1, '国庆节');

-- A case. unit_code is the lead unit (承办单位); grid_code the grid it falls in, when known.
-- The contact's name and phone are sealed (privacy/keyring.hpp); the phone's blind index finds
-- a caller's earlier cases. Deadlines are fixed at receipt from the category's class; the
-- *_escalated flags make the escalation job's work idempotent.
CREATE TABLE request_case (
  id @AUTO_ID@,
  tracking_code TEXT NOT NULL UNIQUE,
  category_code TEXT NOT NULL REFERENCES request_category (code),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  grid_code TEXT REFERENCES org_unit (code),
  status TEXT NOT NULL,
  channel TEXT NOT NULL,
  external_id TEXT,
  description TEXT NOT NULL,
  address TEXT NOT NULL,
  lat_e7 INTEGER,
  lon_e7 INTEGER,
  attributes TEXT NOT NULL,
  contact_name_sealed TEXT,
  contact_phone_sealed TEXT,
  contact_phone_index TEXT,
  submitted_by BIGINT REFERENCES app_user (id),
  received_at TEXT NOT NULL,
  accept_due TEXT NOT NULL,
  resolve_due TEXT NOT NULL,
  accepted_at TEXT,
  resolved_at TEXT,
  closed_at TEXT,
  accept_escalated INTEGER NOT NULL DEFAULT 0,
  resolve_escalated INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX request_case_unit ON request_case (unit_code, status);
CREATE INDEX request_case_grid ON request_case (grid_code);
CREATE INDEX request_case_submitter ON request_case (submitted_by);
CREATE INDEX request_case_open_due ON request_case (status, accept_due, resolve_due);
CREATE INDEX request_case_phone ON request_case (contact_phone_index);
CREATE UNIQUE INDEX request_case_external ON request_case (channel, external_id);

-- Units helping the lead unit (协办单位).
CREATE TABLE request_co_handler (
  case_id BIGINT NOT NULL REFERENCES request_case (id),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  added_at TEXT NOT NULL,
  PRIMARY KEY (case_id, unit_code)
);
CREATE INDEX request_co_handler_unit ON request_co_handler (unit_code);

-- The timeline: one row per step, never changed or removed. unit_code is the lead unit after the
-- step; target_unit the unit a transfer, return, escalation or co-handling names.
CREATE TABLE request_event (
  id @AUTO_ID@,
  case_id BIGINT NOT NULL REFERENCES request_case (id),
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  user_id BIGINT REFERENCES app_user (id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  target_unit TEXT,
  note TEXT NOT NULL
);
CREATE INDEX request_event_case ON request_event (case_id, id);
