/**
 * Webhook bodies for an alert transition: generic JSON, Slack-compatible (incoming webhooks) and the
 * Telegram Bot API's sendMessage. Pure: the server posts them. Alert text is plain; each format
 * escapes it for its own markup, so a rule name can never inject any.
 * @module
 */
import type { AlertTransition } from '@tickdeck/protocol';

/** One line that says what happened, in plain text. */
export function alertHeadline(t: AlertTransition): string {
  const state =
    t.type === 'fired'
      ? 'FIRING'
      : t.type === 'resolved'
        ? 'RESOLVED'
        : `ACKNOWLEDGED by ${t.alert.acknowledged?.by ?? '?'}`;
  return `[${state}] ${t.alert.severity.toUpperCase()} ${t.alert.message}`;
}

const truncate = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export interface GenericWebhookBody {
  source: 'tickdeck';
  type: AlertTransition['type'];
  at: number;
  text: string;
  alert: AlertTransition['alert'];
}

/** The transition as JSON, with a plain-text headline. */
export const formatGenericWebhook = (t: AlertTransition): GenericWebhookBody => ({
  source: 'tickdeck',
  type: t.type,
  at: t.at,
  text: alertHeadline(t),
  alert: t.alert,
});

/** Slack's three control characters in message text (`&`, `<`, `>`), escaped as Slack documents. */
export const escapeSlack = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface SlackBody {
  text: string;
  blocks?: {
    type: 'section' | 'context';
    text?: { type: 'plain_text'; text: string };
    elements?: { type: 'plain_text'; text: string }[];
  }[];
}

/** `{ text, blocks }` for a Slack (or Mattermost, Rocket.Chat…) incoming webhook. Blocks are plain_text. */
export function formatSlack(t: AlertTransition): SlackBody {
  const headline = alertHeadline(t);
  return {
    text: truncate(escapeSlack(headline), 3000),
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: truncate(headline, 3000) } },
      {
        type: 'context',
        elements: [
          {
            type: 'plain_text',
            text: truncate(
              `rule ${t.alert.ruleName} · ${t.alert.subject} · ${new Date(t.at).toISOString()}`,
              3000,
            ),
          },
        ],
      },
    ],
  };
}

/** `&`, `<`, `>` escaped for Telegram's HTML parse mode. */
export const escapeTelegramHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface TelegramBody {
  chat_id: string | number;
  text: string;
  parse_mode?: 'HTML';
  disable_web_page_preview?: boolean;
}

/**
 * Body of Telegram's `sendMessage`. Plain text by default (no parse_mode); with `html: true`, the
 * headline is bold and every piece of alert text is escaped.
 */
export function formatTelegram(
  t: AlertTransition,
  chatId: string | number,
  options: { html?: boolean } = {},
): TelegramBody {
  const headline = alertHeadline(t);
  const detail = `${t.alert.subject} · ${new Date(t.at).toISOString()}`;
  if (options.html) {
    return {
      chat_id: chatId,
      text: `<b>${escapeTelegramHtml(truncate(headline, 3000))}</b>\n${escapeTelegramHtml(truncate(detail, 500))}`,
      parse_mode: 'HTML',
      disable_web_page_preview: true,
    };
  }
  return { chat_id: chatId, text: truncate(`${headline}\n${detail}`, 4096), disable_web_page_preview: true };
}
