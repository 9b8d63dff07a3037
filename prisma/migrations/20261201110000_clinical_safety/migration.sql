-- CreateEnum
CREATE TYPE "DiabetesMedicineClass" AS ENUM ('NONE', 'INSULIN', 'SULFONYLUREA', 'SGLT2_INHIBITOR', 'GLP1_AGONIST', 'METFORMIN', 'OTHER');

-- CreateEnum
CREATE TYPE "ImplantedDevice" AS ENUM ('NONE', 'PACEMAKER', 'ICD', 'SPINAL_CORD_STIMULATOR', 'OTHER');

-- CreateEnum
CREATE TYPE "RuleChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- AlterEnum
ALTER TYPE "DrivingCategory" ADD VALUE 'OTHER_IMPAIRING' BEFORE 'NONE';

-- AlterEnum
ALTER TYPE "TaskKind" ADD VALUE 'AGREE_MEDICINE_PLAN';

-- AlterTable
ALTER TABLE "Medicine" ADD COLUMN     "diabetesClass" "DiabetesMedicineClass" NOT NULL DEFAULT 'NONE';

-- AlterTable
ALTER TABLE "ProcedureType" ADD COLUMN     "cervicalBleedingRisk" "BleedingRisk",
ADD COLUMN     "usesSteroid" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ProcedureRequest" ADD COLUMN     "implantedDevice" "ImplantedDevice",
ADD COLUMN     "withSteroid" BOOLEAN;

-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "timingOverrideById" TEXT,
ADD COLUMN     "timingOverrideReason" TEXT;

-- AlterTable
ALTER TABLE "BloodThinnerPlan" ADD COLUMN     "deviatesFromRule" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "deviationReason" TEXT,
ADD COLUMN     "secondConfirmedAt" TIMESTAMPTZ(3),
ADD COLUMN     "secondConfirmedById" TEXT;

-- CreateTable
CREATE TABLE "BloodThinnerRuleChange" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "reason" TEXT,
    "status" "RuleChangeStatus" NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BloodThinnerRuleChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiabetesMedicinePlan" (
    "id" TEXT NOT NULL,
    "procedureRequestId" TEXT NOT NULL,
    "medicineId" TEXT NOT NULL,
    "instruction" TEXT NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DiabetesMedicinePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeafletApproval" (
    "id" TEXT NOT NULL,
    "partKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" TIMESTAMPTZ(3) NOT NULL,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "LeafletApproval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BloodThinnerRuleChange_status_idx" ON "BloodThinnerRuleChange"("status");

-- CreateIndex
CREATE INDEX "BloodThinnerRuleChange_ruleId_idx" ON "BloodThinnerRuleChange"("ruleId");

-- CreateIndex
CREATE UNIQUE INDEX "DiabetesMedicinePlan_procedureRequestId_medicineId_key" ON "DiabetesMedicinePlan"("procedureRequestId", "medicineId");

-- CreateIndex
CREATE UNIQUE INDEX "LeafletApproval_partKey_contentHash_key" ON "LeafletApproval"("partKey", "contentHash");

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_timingOverrideById_fkey" FOREIGN KEY ("timingOverrideById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BloodThinnerPlan" ADD CONSTRAINT "BloodThinnerPlan_secondConfirmedById_fkey" FOREIGN KEY ("secondConfirmedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BloodThinnerRuleChange" ADD CONSTRAINT "BloodThinnerRuleChange_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BloodThinnerRuleChange" ADD CONSTRAINT "BloodThinnerRuleChange_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiabetesMedicinePlan" ADD CONSTRAINT "DiabetesMedicinePlan_procedureRequestId_fkey" FOREIGN KEY ("procedureRequestId") REFERENCES "ProcedureRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiabetesMedicinePlan" ADD CONSTRAINT "DiabetesMedicinePlan_medicineId_fkey" FOREIGN KEY ("medicineId") REFERENCES "Medicine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiabetesMedicinePlan" ADD CONSTRAINT "DiabetesMedicinePlan_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeafletApproval" ADD CONSTRAINT "LeafletApproval_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

