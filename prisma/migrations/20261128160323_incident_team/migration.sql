-- CreateTable
CREATE TABLE "IncidentTeamMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IncidentTeamMember_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentTeamMember_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IncidentTeamMember_locationId_weekStart_idx" ON "IncidentTeamMember"("locationId", "weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentTeamMember_locationId_weekStart_staffId_key" ON "IncidentTeamMember"("locationId", "weekStart", "staffId");
