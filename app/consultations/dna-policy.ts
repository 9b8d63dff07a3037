// The unit's DNA policy for telephone consultations, as pure decisions. The thresholds are unit settings
// (app/settings/unit-settings.server.ts); this module only applies them.

/** A consultation becomes DNA once this many calls went unanswered (and none was answered). */
export function becomesDna(unansweredAttempts: number, answeredAttempts: number, unansweredAttemptsBeforeDna: number): boolean {
  return answeredAttempts === 0 && unansweredAttempts >= unansweredAttemptsBeforeDna;
}

/** Discharge to GP is offered to the clerk once a referral has this many DNAs. */
export function dischargeOffered(dnasOnReferral: number, dnasBeforeDischargeOffered: number): boolean {
  return dnasOnReferral >= dnasBeforeDischargeOffered;
}

/**
 * Whether a DNA resets the referral-to-treatment clock: only a DNA of the FIRST appointment does
 * (clinical-facts.md, "RTT"), i.e. while the referral has never had a completed consultation.
 */
export function dnaResetsClock(referral: { status: string; completedConsultations: number }): boolean {
  return referral.status === 'AWAITING_FIRST_CONTACT' && referral.completedConsultations === 0;
}

export function dnaReviewTaskKey(appointmentId: string): string {
  return `dna-review:${appointmentId}`;
}
