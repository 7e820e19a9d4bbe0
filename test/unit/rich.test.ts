import { describe, expect, it } from 'vitest';
import { bold, esc, italic, mention, mono, parseRich, richToPlain, strike } from '../../src/conversation/rich.js';
import { CHOICES } from '../../src/conversation/choices.js';
import { richToHtml, toTelegramMessages } from '../../src/channels/telegram/serialize.js';

describe('rich text', () => {
  it('turns emphasis into Telegram HTML and plain text', () => {
    const r = `${bold('II.3')} ${italic('(phối hợp)')} ${mono('/nv II.3')} ${strike('rút lại')} Sở KH&CN <x>`;
    expect(richToHtml(r)).toBe('<b>II.3</b> <i>(phối hợp)</i> <code>/nv II.3</code> <s>rút lại</s> Sở KH&amp;CN &lt;x&gt;');
    expect(richToPlain(r)).toBe('II.3 (phối hợp) /nv II.3 rút lại Sở KH&CN <x>');
  });

  it('keeps what a person typed as typed: no emphasis, no mention, no markup', () => {
    const typed = '**đậm** __nghiêng__ ~~gạch~~ `mã` @[Giám đốc](1) \\ <b>x</b> & a_b *';
    expect(richToPlain(esc(typed))).toBe(typed);
    expect(parseRich(esc(typed)).every((s) => s.styles.length === 0 && !s.mention)).toBe(true);
    expect(richToHtml(bold(esc(typed)))).toBe(`<b>${typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</b>`);
  });

  it('keeps any typed text as typed, whatever mix of markup characters it holds (seeded)', () => {
    let seed = 457;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'ế', ' ', '\\', '*', '_', '~', '`', '@', '[', ']', '(', ')', '\n', '😀', '&', '<'];
    for (let n = 0; n < 300; n++) {
      const typed = Array.from({ length: Math.floor(rnd() * 40) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      expect(richToPlain(esc(typed))).toBe(typed);
      expect(richToPlain(`**${esc(typed)}** ${mono(typed)}`)).toBe(`${typed} ${typed}`);
    }
  });

  it('closes emphasis left open and nests tags in the order they were opened', () => {
    expect(richToHtml('**a __b')).toBe('<b>a <i>b</i></b>');
    expect(richToHtml('**a __b** c__')).toBe('<b>a <i>b</i></b><i> c</i>');
    expect(richToHtml('`**not bold**`')).toBe('<code>**not bold**</code>');
  });

  it('makes a mention a link only for a numeric Telegram id', () => {
    expect(richToHtml(mention('Minh <Trần>', '42'))).toBe('<a href="tg://user?id=42">Minh &lt;Trần&gt;</a>');
    expect(richToHtml(mention('Lan', 'zalo-abc'))).toBe('Lan');
    expect(richToPlain(mention('Lan', '42'))).toBe('Lan');
  });

  it('splits a long reply within 4,096 characters and puts the choices on the last part', () => {
    const text = Array.from({ length: 300 }, (_, i) => `${bold(String(i))} ${esc('x'.repeat(40))}`).join('\n');
    const msgs = toTelegramMessages({ text, choices: [[{ label: 'OK', data: 'un:x' }]] });
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) expect(String(m.payload.text).length).toBeLessThanOrEqual(4096);
    expect(msgs.at(-1)!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: 'OK', callback_data: 'un:x' }]] });
    expect(msgs.slice(0, -1).every((m) => !m.payload.reply_markup)).toBe(true);
  });
});

describe('choice codec', () => {
  it('reads back what it wrote, and nothing forged', () => {
    expect(CHOICES.reportTask.encode({ task: 'III.1.2' })).toBe('up:t:III.1.2');
    expect(CHOICES.reportTask.decode('up:t:III.1.2')).toEqual({ task: 'III.1.2' });
    expect(CHOICES.officer.decode('of:a:17')).toEqual({ decision: 'a', officer: 17 });
    for (const forged of ['up:t:II.99.999', 'up:t:<b>', 'of:x:1', 'of:a:-1', 'of:a:1:2', 'up:t', 'lang:fr', 'cf:1:maybe']) {
      const codec = Object.values(CHOICES).find((c) => forged.startsWith(`${c.prefix}:`) || forged === c.prefix);
      expect(codec?.decode(forged)).toBeUndefined();
    }
  });
});
