-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CLERK', 'DOCTOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "CommunicationNeed" AS ENUM ('LARGE_PRINT', 'EASY_READ', 'INTERPRETER', 'BSL', 'BRAILLE', 'AUDIO');

-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('EMAIL', 'LETTER', 'SMS');

-- CreateEnum
CREATE TYPE "DiabetesStatus" AS ENUM ('NONE', 'DIET_CONTROLLED', 'ON_MEDICATION', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "AllergyKind" AS ENUM ('IODINE_CONTRAST', 'LATEX', 'LOCAL_ANAESTHETIC', 'STEROID', 'ANTISEPTIC', 'OTHER');

-- CreateEnum
CREATE TYPE "DrivingCategory" AS ENUM ('SPECIFIED_LIMIT', 'OTHER_OPIOID', 'GABAPENTINOID', 'SEDATING_ANTIDEPRESSANT', 'CANNABIS_BASED', 'NONE');

-- CreateEnum
CREATE TYPE "BloodThinnerClass" AS ENUM ('NONE', 'WARFARIN', 'LMWH', 'ASPIRIN', 'NSAID', 'P2Y12_INHIBITOR', 'FACTOR_XA_INHIBITOR', 'DABIGATRAN');

-- CreateEnum
CREATE TYPE "ReferralSource" AS ENUM ('GP_VIA_MSK', 'CONSULTANT', 'AHP', 'PAIN_CLINIC');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('URGENT', 'SOON', 'ROUTINE');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('AWAITING_FIRST_CONTACT', 'UNDER_CARE', 'DISCHARGED');

-- CreateEnum
CREATE TYPE "ClinicKind" AS ENUM ('TELEPHONE', 'FACE_TO_FACE', 'PHYSIOTHERAPY', 'PSYCHOLOGY', 'OCCUPATIONAL_THERAPY', 'GROUP_SESSION');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('ACTIVE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Guidance" AS ENUM ('XRAY', 'ULTRASOUND');

-- CreateEnum
CREATE TYPE "BleedingRisk" AS ENUM ('LOW', 'INTERMEDIATE', 'HIGH');

-- CreateEnum
CREATE TYPE "Side" AS ENUM ('LEFT', 'RIGHT', 'BOTH', 'NOT_APPLICABLE');

-- CreateEnum
CREATE TYPE "ProcedureRequestStatus" AS ENUM ('WAITING', 'BOOKED', 'DONE', 'REMOVED');

-- CreateEnum
CREATE TYPE "SessionPart" AS ENUM ('MORNING', 'AFTERNOON');

-- CreateEnum
CREATE TYPE "AppointmentKind" AS ENUM ('CONSULTATION', 'PROCEDURE');

-- CreateEnum
CREATE TYPE "AppointmentStatus" AS ENUM ('BOOKED', 'CONFIRMED', 'ARRIVED', 'COMPLETED', 'DNA', 'CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL');

-- CreateEnum
CREATE TYPE "CallResult" AS ENUM ('NO_ANSWER', 'ANSWERED');

-- CreateEnum
CREATE TYPE "OutcomeKind" AS ENUM ('LIST_FOR_PROCEDURE', 'CONSERVATIVE_MANAGEMENT', 'PSYCHOLOGY', 'PAIN_MANAGEMENT_PROGRAMME', 'INVESTIGATIONS', 'SURGICAL_REFERRAL', 'FOLLOW_UP', 'DISCHARGE_TO_GP');

-- CreateEnum
CREATE TYPE "BloodThinnerAction" AS ENUM ('STOP', 'CONTINUE', 'SHARED_DECISION');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('BEFORE_PROCEDURE', 'AFTER_PROCEDURE', 'LETTER');

-- CreateEnum
CREATE TYPE "MessagePurpose" AS ENUM ('BOOKING_CONFIRMATION', 'PRE_PROCEDURE_LEAFLET', 'AFTERCARE_LEAFLET', 'REMINDER', 'CANCELLATION', 'TIME_CHANGE');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('REBOOK_CONSULTATION', 'REBOOK_PROCEDURE', 'DNA_REVIEW', 'MESSAGE_FAILED', 'PRINT_LETTER', 'REVIEW_MEDICINE');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitName" TEXT,
    "addressLines" TEXT[],
    "postcode" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "hasInterventionalSuite" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "gmcNumber" TEXT,
    "lastSignInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Patient" (
    "id" TEXT NOT NULL,
    "nhsNumber" CHAR(10) NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "email" TEXT,
    "emailConsent" BOOLEAN NOT NULL DEFAULT false,
    "emailConsentRecordedAt" TIMESTAMPTZ(3),
    "mobilePhone" TEXT,
    "smsConsent" BOOLEAN NOT NULL DEFAULT false,
    "preferredChannel" "ContactChannel" NOT NULL DEFAULT 'LETTER',
    "addressLines" TEXT[],
    "postcode" TEXT,
    "gpPractice" TEXT,
    "communicationNeeds" "CommunicationNeed"[],
    "interpreterLanguage" TEXT,
    "communicationNotes" TEXT,
    "escortNotes" TEXT,
    "transportNotes" TEXT,
    "diabetes" "DiabetesStatus" NOT NULL DEFAULT 'UNKNOWN',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientAllergy" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "kind" "AllergyKind" NOT NULL,
    "detail" TEXT,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,

    CONSTRAINT "PatientAllergy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Medicine" (
    "id" TEXT NOT NULL,
    "genericName" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "drivingCategory" "DrivingCategory" NOT NULL DEFAULT 'NONE',
    "drivingLimitMcgPerL" INTEGER,
    "bloodThinnerClass" "BloodThinnerClass" NOT NULL DEFAULT 'NONE',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Medicine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientMedicine" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "medicineId" TEXT,
    "freeTextName" TEXT,
    "dose" TEXT,
    "recordedById" TEXT,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PatientMedicine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "source" "ReferralSource" NOT NULL,
    "receivedOn" DATE NOT NULL,
    "clockStartOn" DATE NOT NULL,
    "clockStoppedOn" DATE,
    "priority" "Priority" NOT NULL DEFAULT 'ROUTINE',
    "reason" TEXT NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'AWAITING_FIRST_CONTACT',
    "dischargedAt" TIMESTAMPTZ(3),
    "dischargeNote" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClinicTemplate" (
    "id" TEXT NOT NULL,
    "kind" "ClinicKind" NOT NULL DEFAULT 'TELEPHONE',
    "siteId" TEXT NOT NULL,
    "clinicianId" TEXT NOT NULL,
    "isoWeekday" INTEGER NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "slotMinutes" INTEGER NOT NULL,
    "validFrom" DATE NOT NULL,
    "validUntil" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClinicTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Clinic" (
    "id" TEXT NOT NULL,
    "kind" "ClinicKind" NOT NULL DEFAULT 'TELEPHONE',
    "siteId" TEXT NOT NULL,
    "clinicianId" TEXT NOT NULL,
    "templateId" TEXT,
    "date" DATE NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "slotMinutes" INTEGER NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'ACTIVE',
    "cancelledAt" TIMESTAMPTZ(3),
    "cancellationReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Clinic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Slot" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcedureType" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "defaultMinutes" INTEGER NOT NULL,
    "allowedGuidance" "Guidance"[],
    "bleedingRisk" "BleedingRisk" NOT NULL,
    "leafletSet" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ProcedureType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcedureRequest" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "referralId" TEXT,
    "procedureTypeId" TEXT NOT NULL,
    "side" "Side" NOT NULL DEFAULT 'NOT_APPLICABLE',
    "levels" TEXT,
    "guidance" "Guidance" NOT NULL,
    "sedation" BOOLEAN NOT NULL DEFAULT false,
    "priority" "Priority" NOT NULL DEFAULT 'ROUTINE',
    "clinicalNotes" TEXT,
    "possiblePregnancy" BOOLEAN NOT NULL DEFAULT false,
    "recentInfection" BOOLEAN NOT NULL DEFAULT false,
    "escortArranged" BOOLEAN NOT NULL DEFAULT false,
    "minutes" INTEGER NOT NULL,
    "status" "ProcedureRequestStatus" NOT NULL DEFAULT 'WAITING',
    "flag" TEXT,
    "listedOn" DATE NOT NULL,
    "listedById" TEXT,
    "sourceOutcomeItemId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProcedureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcedureListTemplate" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "isoWeekday" INTEGER NOT NULL,
    "sessionPart" "SessionPart" NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "modality" "Guidance" NOT NULL,
    "capacityMinutes" INTEGER NOT NULL,
    "validFrom" DATE NOT NULL,
    "validUntil" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcedureListTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcedureList" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "templateId" TEXT,
    "date" DATE NOT NULL,
    "sessionPart" "SessionPart" NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "modality" "Guidance" NOT NULL,
    "capacityMinutes" INTEGER NOT NULL,
    "bookedMinutes" INTEGER NOT NULL DEFAULT 0,
    "status" "SessionStatus" NOT NULL DEFAULT 'ACTIVE',
    "cancelledAt" TIMESTAMPTZ(3),
    "cancellationReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcedureList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" TEXT NOT NULL,
    "kind" "AppointmentKind" NOT NULL,
    "patientId" TEXT NOT NULL,
    "referralId" TEXT,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "AppointmentStatus" NOT NULL DEFAULT 'BOOKED',
    "slotId" TEXT,
    "procedureListId" TEXT,
    "procedureRequestId" TEXT,
    "minutes" INTEGER NOT NULL,
    "arrivalAt" TIMESTAMPTZ(3),
    "listPosition" INTEGER,
    "preChecks" JSONB,
    "idempotencyKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "bookedById" TEXT,
    "bookedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelledById" TEXT,
    "cancellationReason" TEXT,
    "rebookedFromId" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Appointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallAttempt" (
    "id" TEXT NOT NULL,
    "appointmentId" TEXT NOT NULL,
    "result" "CallResult" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "byId" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "CallAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutcomeRecord" (
    "id" TEXT NOT NULL,
    "appointmentId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "summary" TEXT,

    CONSTRAINT "OutcomeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutcomeItem" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "kind" "OutcomeKind" NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "OutcomeItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BloodThinnerRule" (
    "id" TEXT NOT NULL,
    "bloodThinnerClass" "BloodThinnerClass" NOT NULL,
    "medicineId" TEXT,
    "procedureTypeId" TEXT,
    "bleedingRisk" "BleedingRisk" NOT NULL,
    "variant" TEXT NOT NULL DEFAULT '',
    "action" "BloodThinnerAction" NOT NULL,
    "stopBeforeHours" INTEGER,
    "restartAfterHours" INTEGER,
    "inrCheck" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "source" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "BloodThinnerRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BloodThinnerPlan" (
    "id" TEXT NOT NULL,
    "procedureRequestId" TEXT NOT NULL,
    "medicineId" TEXT NOT NULL,
    "action" "BloodThinnerAction" NOT NULL,
    "stopBeforeHours" INTEGER,
    "restartAfterHours" INTEGER,
    "inrCheck" BOOLEAN NOT NULL DEFAULT false,
    "proposed" JSONB,
    "note" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BloodThinnerPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeafletVersion" (
    "id" TEXT NOT NULL,
    "partKey" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "updatedOn" DATE NOT NULL,
    "reviewOn" DATE NOT NULL,
    "owner" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeafletVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentDocument" (
    "id" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "kind" "DocumentKind" NOT NULL,
    "title" TEXT NOT NULL,
    "largePrint" BOOLEAN NOT NULL DEFAULT false,
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "generatedById" TEXT,
    "generatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SentDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentDocumentPart" (
    "documentId" TEXT NOT NULL,
    "leafletVersionId" TEXT NOT NULL,

    CONSTRAINT "SentDocumentPart_pkey" PRIMARY KEY ("documentId","leafletVersionId")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "channel" "ContactChannel" NOT NULL,
    "purpose" "MessagePurpose" NOT NULL,
    "patientId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "recipient" TEXT,
    "subject" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "MessageStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "claimedAt" TIMESTAMPTZ(3),
    "claimedBy" TEXT,
    "acceptedAt" TIMESTAMPTZ(3),
    "providerMessageId" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxAttachment" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "documentId" TEXT,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "OutboxAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "kind" "TaskKind" NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "title" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "patientId" TEXT,
    "appointmentId" TEXT,
    "messageId" TEXT,
    "dueOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMPTZ(3),
    "doneById" TEXT,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" "Role",
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "patientId" TEXT,
    "ipAddress" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "UnitSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Site_code_key" ON "Site"("code");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Patient_nhsNumber_key" ON "Patient"("nhsNumber");

-- CreateIndex
CREATE INDEX "Patient_lastName_firstName_idx" ON "Patient"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "PatientAllergy_patientId_idx" ON "PatientAllergy"("patientId");

-- CreateIndex
CREATE UNIQUE INDEX "Medicine_genericName_key" ON "Medicine"("genericName");

-- CreateIndex
CREATE INDEX "PatientMedicine_patientId_idx" ON "PatientMedicine"("patientId");

-- CreateIndex
CREATE INDEX "Referral_patientId_idx" ON "Referral"("patientId");

-- CreateIndex
CREATE INDEX "Referral_status_clockStartOn_idx" ON "Referral"("status", "clockStartOn");

-- CreateIndex
CREATE INDEX "Clinic_date_idx" ON "Clinic"("date");

-- CreateIndex
CREATE INDEX "Clinic_clinicianId_date_idx" ON "Clinic"("clinicianId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Clinic_templateId_date_key" ON "Clinic"("templateId", "date");

-- CreateIndex
CREATE INDEX "Slot_startsAt_idx" ON "Slot"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Slot_clinicId_startsAt_key" ON "Slot"("clinicId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProcedureType_code_key" ON "ProcedureType"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ProcedureRequest_sourceOutcomeItemId_key" ON "ProcedureRequest"("sourceOutcomeItemId");

-- CreateIndex
CREATE INDEX "ProcedureRequest_status_priority_listedOn_idx" ON "ProcedureRequest"("status", "priority", "listedOn");

-- CreateIndex
CREATE INDEX "ProcedureRequest_patientId_idx" ON "ProcedureRequest"("patientId");

-- CreateIndex
CREATE INDEX "ProcedureList_date_idx" ON "ProcedureList"("date");

-- CreateIndex
CREATE UNIQUE INDEX "ProcedureList_templateId_date_key" ON "ProcedureList"("templateId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_idempotencyKey_key" ON "Appointment"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_rebookedFromId_key" ON "Appointment"("rebookedFromId");

-- CreateIndex
CREATE INDEX "Appointment_patientId_startsAt_idx" ON "Appointment"("patientId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_slotId_idx" ON "Appointment"("slotId");

-- CreateIndex
CREATE INDEX "Appointment_procedureListId_idx" ON "Appointment"("procedureListId");

-- CreateIndex
CREATE INDEX "CallAttempt_appointmentId_idx" ON "CallAttempt"("appointmentId");

-- CreateIndex
CREATE UNIQUE INDEX "OutcomeRecord_appointmentId_version_key" ON "OutcomeRecord"("appointmentId", "version");

-- CreateIndex
CREATE INDEX "OutcomeItem_recordId_idx" ON "OutcomeItem"("recordId");

-- CreateIndex
CREATE UNIQUE INDEX "BloodThinnerRule_bloodThinnerClass_medicineId_procedureType_key" ON "BloodThinnerRule"("bloodThinnerClass", "medicineId", "procedureTypeId", "bleedingRisk", "variant");

-- CreateIndex
CREATE UNIQUE INDEX "BloodThinnerPlan_procedureRequestId_medicineId_key" ON "BloodThinnerPlan"("procedureRequestId", "medicineId");

-- CreateIndex
CREATE UNIQUE INDEX "LeafletVersion_partKey_version_contentHash_key" ON "LeafletVersion"("partKey", "version", "contentHash");

-- CreateIndex
CREATE INDEX "SentDocument_patientId_idx" ON "SentDocument"("patientId");

-- CreateIndex
CREATE INDEX "SentDocument_appointmentId_idx" ON "SentDocument"("appointmentId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_patientId_idx" ON "OutboxMessage"("patientId");

-- CreateIndex
CREATE INDEX "OutboxMessage_appointmentId_idx" ON "OutboxMessage"("appointmentId");

-- CreateIndex
CREATE INDEX "OutboxAttachment_messageId_idx" ON "OutboxAttachment"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "Task_dedupeKey_key" ON "Task"("dedupeKey");

-- CreateIndex
CREATE INDEX "Task_status_kind_idx" ON "Task"("status", "kind");

-- CreateIndex
CREATE INDEX "AuditEvent_patientId_at_idx" ON "AuditEvent"("patientId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientAllergy" ADD CONSTRAINT "PatientAllergy_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientMedicine" ADD CONSTRAINT "PatientMedicine_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientMedicine" ADD CONSTRAINT "PatientMedicine_medicineId_fkey" FOREIGN KEY ("medicineId") REFERENCES "Medicine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientMedicine" ADD CONSTRAINT "PatientMedicine_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClinicTemplate" ADD CONSTRAINT "ClinicTemplate_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClinicTemplate" ADD CONSTRAINT "ClinicTemplate_clinicianId_fkey" FOREIGN KEY ("clinicianId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_clinicianId_fkey" FOREIGN KEY ("clinicianId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ClinicTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureRequest" ADD CONSTRAINT "ProcedureRequest_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureRequest" ADD CONSTRAINT "ProcedureRequest_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureRequest" ADD CONSTRAINT "ProcedureRequest_procedureTypeId_fkey" FOREIGN KEY ("procedureTypeId") REFERENCES "ProcedureType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureRequest" ADD CONSTRAINT "ProcedureRequest_listedById_fkey" FOREIGN KEY ("listedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureRequest" ADD CONSTRAINT "ProcedureRequest_sourceOutcomeItemId_fkey" FOREIGN KEY ("sourceOutcomeItemId") REFERENCES "OutcomeItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureListTemplate" ADD CONSTRAINT "ProcedureListTemplate_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureListTemplate" ADD CONSTRAINT "ProcedureListTemplate_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureList" ADD CONSTRAINT "ProcedureList_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureList" ADD CONSTRAINT "ProcedureList_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureList" ADD CONSTRAINT "ProcedureList_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ProcedureListTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_procedureListId_fkey" FOREIGN KEY ("procedureListId") REFERENCES "ProcedureList"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_procedureRequestId_fkey" FOREIGN KEY ("procedureRequestId") REFERENCES "ProcedureRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_cancelledById_fkey" FOREIGN KEY ("cancelledById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_rebookedFromId_fkey" FOREIGN KEY ("rebookedFromId") REFERENCES "Appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_byId_fkey" FOREIGN KEY ("byId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeRecord" ADD CONSTRAINT "OutcomeRecord_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeRecord" ADD CONSTRAINT "OutcomeRecord_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeItem" ADD CONSTRAINT "OutcomeItem_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "OutcomeRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BloodThinnerRule" ADD CONSTRAINT "BloodThinnerRule_medicineId_fkey" FOREIGN KEY ("medicineId") REFERENCES "Medicine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BloodThinnerRule" ADD CONSTRAINT "BloodThinnerRule_procedureTypeId_fkey" FOREIGN KEY ("procedureTypeId") REFERENCES "ProcedureType"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BloodThinnerPlan" ADD CONSTRAINT "BloodThinnerPlan_procedureRequestId_fkey" FOREIGN KEY ("procedureRequestId") REFERENCES "ProcedureRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BloodThinnerPlan" ADD CONSTRAINT "BloodThinnerPlan_medicineId_fkey" FOREIGN KEY ("medicineId") REFERENCES "Medicine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BloodThinnerPlan" ADD CONSTRAINT "BloodThinnerPlan_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentDocument" ADD CONSTRAINT "SentDocument_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentDocument" ADD CONSTRAINT "SentDocument_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentDocument" ADD CONSTRAINT "SentDocument_generatedById_fkey" FOREIGN KEY ("generatedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentDocumentPart" ADD CONSTRAINT "SentDocumentPart_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SentDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentDocumentPart" ADD CONSTRAINT "SentDocumentPart_leafletVersionId_fkey" FOREIGN KEY ("leafletVersionId") REFERENCES "LeafletVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxAttachment" ADD CONSTRAINT "OutboxAttachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboxMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxAttachment" ADD CONSTRAINT "OutboxAttachment_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SentDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboxMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Rules Prisma's schema language cannot express. Each object is listed in prisma/constraints.json
-- so the schema test can tell intended additions from drift (docs/decisions/0003).
-- ---------------------------------------------------------------------------------------------

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One active (not cancelled) appointment per slot.
CREATE UNIQUE INDEX "Appointment_slot_taken_key" ON "Appointment"("slotId")
  WHERE "slotId" IS NOT NULL AND "status" NOT IN ('CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL');

-- A patient never holds two overlapping active appointments, of any kind.
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_patient_no_overlap"
  EXCLUDE USING gist ("patientId" WITH =, tstzrange("startsAt", "endsAt") WITH &&)
  WHERE ("status" IN ('BOOKED', 'CONFIRMED', 'ARRIVED'));

ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_times_check" CHECK ("endsAt" > "startsAt");
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_kind_check" CHECK (
  ("kind" = 'CONSULTATION' AND "slotId" IS NOT NULL AND "procedureListId" IS NULL)
  OR ("kind" = 'PROCEDURE' AND "procedureListId" IS NOT NULL AND "procedureRequestId" IS NOT NULL AND "slotId" IS NULL)
);
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_minutes_check" CHECK ("minutes" > 0);

-- A list's booked minutes never exceed its capacity.
ALTER TABLE "ProcedureList" ADD CONSTRAINT "ProcedureList_capacity_check"
  CHECK ("capacityMinutes" > 0 AND "bookedMinutes" >= 0 AND "bookedMinutes" <= "capacityMinutes");
ALTER TABLE "ProcedureList" ADD CONSTRAINT "ProcedureList_times_check" CHECK ("endsAt" > "startsAt");

ALTER TABLE "Clinic" ADD CONSTRAINT "Clinic_times_check" CHECK ("endsAt" > "startsAt" AND "slotMinutes" > 0);
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_times_check" CHECK ("endsAt" > "startsAt");

ALTER TABLE "ClinicTemplate" ADD CONSTRAINT "ClinicTemplate_shape_check" CHECK (
  "isoWeekday" BETWEEN 1 AND 7 AND "startTime" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
  AND "endTime" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "endTime" > "startTime" AND "slotMinutes" > 0
);
ALTER TABLE "ProcedureListTemplate" ADD CONSTRAINT "ProcedureListTemplate_shape_check" CHECK (
  "isoWeekday" BETWEEN 1 AND 7 AND "startTime" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
  AND "endTime" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "endTime" > "startTime" AND "capacityMinutes" > 0
);

ALTER TABLE "Patient" ADD CONSTRAINT "Patient_nhsNumber_check" CHECK ("nhsNumber" ~ '^[0-9]{10}$');
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_email_check" CHECK ("email" = lower("email"));
ALTER TABLE "Medicine" ADD CONSTRAINT "Medicine_genericName_check" CHECK ("genericName" = lower("genericName"));
ALTER TABLE "PatientMedicine" ADD CONSTRAINT "PatientMedicine_named_check"
  CHECK ("medicineId" IS NOT NULL OR "freeTextName" IS NOT NULL);
ALTER TABLE "ProcedureType" ADD CONSTRAINT "ProcedureType_minutes_check" CHECK ("defaultMinutes" > 0);
ALTER TABLE "ProcedureRequest" ADD CONSTRAINT "ProcedureRequest_minutes_check" CHECK ("minutes" > 0);
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_attempts_check" CHECK ("attempts" >= 0);

-- The audit trail is append-only.
CREATE FUNCTION paindesk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION paindesk_audit_append_only();
