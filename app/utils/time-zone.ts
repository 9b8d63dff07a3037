// The unit's time zone: every date and time PainDesk shows, books or prints is Europe/London wall-clock time
// (luxon does the arithmetic across the clock changes). The one place it is named; everything imports it here.
export const UNIT_TIME_ZONE = 'Europe/London';
