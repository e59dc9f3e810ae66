/**
 * The command audit trail: who sent what to which bot, when, and what came of it.
 * @module
 */
import { formatDateTime } from '../format/format.js';
import { DataTable } from '../portfolio/data-table.js';
import type { CommandRecord } from './bots-api.js';

export const auditTable = (): DataTable<CommandRecord> =>
  new DataTable<CommandRecord>(
    'command-audit',
    'Command audit trail',
    [
      { label: 'Issued', text: (c) => formatDateTime(c.issuedAt) },
      { label: 'Bot', text: (c) => c.botId },
      {
        label: 'Command',
        text: (c) => (c.kind === 'custom' ? `custom: ${c.name ?? ''}` : c.kind),
        field: 'kind',
      },
      { label: 'By', text: (c) => c.issuedBy },
      { label: 'Status', text: (c) => c.status, field: 'status' },
      { label: 'Result', text: (c) => c.result?.message ?? '—' },
    ],
    (c) => ({
      'data-command-id': c.commandId,
      'data-kind': c.kind,
      'data-status': c.status,
      'data-bot': c.botId,
    }),
  );
