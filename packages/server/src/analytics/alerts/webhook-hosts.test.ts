import { describe, expect, it } from 'vitest';
import { webhookHostAllowed } from './webhook-hosts.js';

describe('webhookHostAllowed', () => {
  it('allows any host when the list is empty', () => {
    expect(webhookHostAllowed('http://10.0.0.5:8080/hook', [])).toBe(true);
  });

  it('allows listed names on any port, and nothing else', () => {
    const hosts = ['hooks.slack.com', 'Alerts.Example.org'];
    expect(webhookHostAllowed('https://hooks.slack.com/services/T/B/x', hosts)).toBe(true);
    expect(webhookHostAllowed('https://alerts.example.org:8443/x', hosts)).toBe(true);
    expect(webhookHostAllowed('http://169.254.169.254/latest/meta-data', hosts)).toBe(false);
    expect(webhookHostAllowed('http://127.0.0.1:5432/', hosts)).toBe(false);
    expect(webhookHostAllowed('https://hooks.slack.com.evil.test/x', hosts)).toBe(false);
    expect(webhookHostAllowed('not a url', hosts)).toBe(false);
  });

  it('matches a port when the entry names one, default ports included', () => {
    const hosts = ['notify.internal:9000', 'secure.example:443'];
    expect(webhookHostAllowed('http://notify.internal:9000/x', hosts)).toBe(true);
    expect(webhookHostAllowed('http://notify.internal:9001/x', hosts)).toBe(false);
    expect(webhookHostAllowed('https://secure.example/x', hosts)).toBe(true);
    expect(webhookHostAllowed('http://secure.example/x', hosts)).toBe(false);
  });

  it('allows subdomains for *.name, not the bare name nor look-alikes', () => {
    const hosts = ['*.example.com'];
    expect(webhookHostAllowed('https://a.example.com/x', hosts)).toBe(true);
    expect(webhookHostAllowed('https://a.b.example.com/x', hosts)).toBe(true);
    expect(webhookHostAllowed('https://example.com/x', hosts)).toBe(false);
    expect(webhookHostAllowed('https://badexample.com/x', hosts)).toBe(false);
  });

  it('takes IPv6 literals, with or without a port', () => {
    expect(webhookHostAllowed('http://[::1]:8080/x', ['[::1]:8080'])).toBe(true);
    expect(webhookHostAllowed('http://[::1]:8081/x', ['[::1]:8080'])).toBe(false);
    expect(webhookHostAllowed('http://[::1]/x', ['[::1]'])).toBe(true);
  });
});
