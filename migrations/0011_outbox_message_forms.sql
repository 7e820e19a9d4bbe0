-- What a stored outbox message is, in words no channel owns: 'text', 'document', 'photo' (it held
-- Telegram's method names; each channel's transport now chooses its own call).
UPDATE `outbox` SET `method` = CASE `method` WHEN 'sendMessage' THEN 'text' WHEN 'sendDocument' THEN 'document' WHEN 'sendPhoto' THEN 'photo' ELSE `method` END;
