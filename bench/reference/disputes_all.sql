-- `disputes` of the whole archive: every contradicting pair with both sides spelled out (the
-- contested_pairs view), the nearest plain query; claimtrack also groups the pairs into disputes
-- with their supporters and splits each into sides.
SELECT * FROM contested_pairs ORDER BY relation_id;
