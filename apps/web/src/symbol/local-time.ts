/**
 * Chart axis and crosshair labels in the browser's local time, like the tables beside the chart
 * (lightweight-charts shows UTC by default).
 * @module
 */
import { TickMarkType } from 'lightweight-charts';
import type { Time } from 'lightweight-charts';
import { formatDateTime } from '../format/format.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');
const toDate = (time: Time): Date => new Date(typeof time === 'number' ? time * 1000 : String(time));

export const localTickMark = (time: Time, type: TickMarkType): string => {
  const d = toDate(time);
  switch (type) {
    case TickMarkType.Year:
      return String(d.getFullYear());
    case TickMarkType.Month:
      return MONTHS[d.getMonth()]!;
    case TickMarkType.DayOfMonth:
      return String(d.getDate());
    case TickMarkType.TimeWithSeconds:
      return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
    default:
      return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  }
};

export const localCrosshairTime = (time: Time): string => formatDateTime(toDate(time).getTime());
