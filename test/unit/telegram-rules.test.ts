// The stand-in refuses what Telegram refuses; these are the rules it applies, checked themselves.
import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../src/channels/telegram/split-html.js';
import { parseTelegramHtml, telegramRefusal } from '../support/telegram-rules.js';

describe('Telegram HTML rules in the stand-in', () => {
  it('accepts our markup and counts the text after parsing', () => {
    expect(parseTelegramHtml('<b>Sở KH&amp;CN</b> <i>a</i> <a href="tg://user?id=1">x</a> <code>1 &lt; 2</code>')).toEqual({ text: 'Sở KHxCN a x 1 x 2' });
  });
  it('refuses a bare &, an unknown tag, crossed or unclosed tags', () => {
    for (const bad of ['Sở KH&CN', '<script>x</script>', '<b><i>x</b></i>', '<b>x', 'a > b']) expect(parseTelegramHtml(bad)).toHaveProperty('error');
  });
  it('refuses long texts, long button data and empty messages', () => {
    expect(telegramRefusal('sendMessage', { text: 'x'.repeat(4097) })).toContain('too long');
    expect(telegramRefusal('sendMessage', { text: `<b>${'x'.repeat(4096)}</b>`, parse_mode: 'HTML' })).toBeNull();
    expect(telegramRefusal('sendMessage', { text: 'ok', reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'x'.repeat(65) }]] } })).toContain('BUTTON_DATA_INVALID');
    expect(telegramRefusal('sendMessage', { text: ' ' })).toContain('empty');
    expect(telegramRefusal('sendDocument', { caption: 'x'.repeat(1025) })).toContain('caption is too long');
  });
  it('every part of a split message is accepted', () => {
    const html = `<b>T</b>\n<s>${'dòng &amp; <i>nghiêng</i>\n'.repeat(500)}</s>`;
    for (const part of splitMessage(html)) expect(telegramRefusal('sendMessage', { text: part, parse_mode: 'HTML' })).toBeNull();
  });
});
