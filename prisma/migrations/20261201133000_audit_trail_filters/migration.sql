-- CreateIndex
CREATE INDEX "AuditEvent_patientId_id_idx" ON "AuditEvent"("patientId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_id_idx" ON "AuditEvent"("actorId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_action_id_idx" ON "AuditEvent"("action", "id");
