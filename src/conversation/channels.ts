// What the core knows of each channel: only how people use it, never its API. A text channel has
// no buttons, replies or edits: people type a number to choose, and their next message answers.
import type { Phrasing } from '../i18n.js';
import type { ChannelName } from './types.js';

const PHRASING: Record<ChannelName, Phrasing> = { telegram: 'buttons', console: 'text', zalo: 'text' };

/** How texts for a conversation on `channel` are phrased (locale keys with a `_text` variant). */
export function phrasingOf(channel: string): Phrasing {
  return PHRASING[channel as ChannelName] ?? 'text';
}
