import { describe, expect, it } from 'vitest';
import { appointmentMessageKey, deliveryFor, primaryDelivery, reminderDeliveries } from './channels';

const none = { email: null, emailConsent: false, mobilePhone: null, smsConsent: false };

describe('channels', () => {
  it('emails only with consent and an address; otherwise a letter', () => {
    expect(primaryDelivery({ ...none, email: 'a@example.com', emailConsent: true })).toEqual({ channel: 'EMAIL', recipient: 'a@example.com' });
    expect(primaryDelivery({ ...none, email: 'a@example.com', emailConsent: false })).toEqual({ channel: 'LETTER', recipient: null });
    expect(primaryDelivery({ ...none, email: '  ', emailConsent: true })).toEqual({ channel: 'LETTER', recipient: null });
  });

  it('sends reminders by email and by text only with each consent', () => {
    expect(reminderDeliveries(none)).toEqual([]);
    expect(reminderDeliveries({ ...none, mobilePhone: '07700900001', smsConsent: false })).toEqual([]);
    expect(reminderDeliveries({ email: 'a@example.com', emailConsent: true, mobilePhone: '07700900001', smsConsent: true })).toEqual([
      { channel: 'EMAIL', recipient: 'a@example.com' },
      { channel: 'SMS', recipient: '07700900001' },
    ]);
  });

  it('resends by text only with consent now, and email falls back to a letter when consent was withdrawn', () => {
    expect(deliveryFor('SMS', none)).toBeNull();
    expect(deliveryFor('EMAIL', none)).toEqual({ channel: 'LETTER', recipient: null });
  });

  it('keys a message by appointment, version, purpose, channel and reminder offset', () => {
    expect(appointmentMessageKey({ appointmentId: 'a1', version: 2, purpose: 'REMINDER', channel: 'SMS', reminderDaysBefore: 7 })).toBe(
      'appointment:a1:v2:reminder:sms:d7',
    );
    expect(appointmentMessageKey({ appointmentId: 'a1', version: 1, purpose: 'PRE_PROCEDURE_LEAFLET', channel: 'EMAIL' })).toBe(
      'appointment:a1:v1:pre_procedure_leaflet:email',
    );
  });
});
