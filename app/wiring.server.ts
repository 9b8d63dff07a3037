// The composition root: who reacts to booking events (docs/decisions/0021). Domains record events and never
// import messaging; this file is the one place that joins them. Every entry point that runs use cases imports it
// once: the Remix server bundle (app/entry.server.tsx) and the server tests' setup (tests/setup/database.ts).
// A process that forgets finds out at its first booking: recording an event without messaging throws.
import { tellPatientsAbout } from '~/communications/booking-reactions.server';
import { subscribeToBookingEvents } from '~/events/booking-events.server';

subscribeToBookingEvents('messaging', tellPatientsAbout);
