-- CreateEnum
CREATE TYPE "BookingEventType" AS ENUM ('BOOKED', 'MOVED', 'CANCELLED', 'DID_NOT_ATTEND', 'MEDICINE_PLAN_CHANGED');

-- CreateTable
CREATE TABLE "BookingEvent" (
    "id" BIGSERIAL NOT NULL,
    "type" "BookingEventType" NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "appointmentIds" TEXT[],
    "procedureRequestId" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "BookingEvent_pkey" PRIMARY KEY ("id")
);
