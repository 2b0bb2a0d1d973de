-- 0004: the (device, device seq) of every change refused, with its change id. A refused change is
-- not in the log, but its number is taken: another change under it (a copied laptop file whose
-- other copy had this one refused) is a seq_conflict, so the copy that keeps the device id cannot
-- miss it behind its own-device filter.
CREATE TABLE refused_seqs (
    county_id  TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    device_seq BIGINT NOT NULL,
    change_id  TEXT NOT NULL,
    PRIMARY KEY (county_id, device_id, device_seq)
);
