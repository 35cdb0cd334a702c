-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AlarmPage" (
    "alarmId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "pagedAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    "seenAt" DATETIME,
    "respondedAt" DATETIME,
    "response" TEXT,

    PRIMARY KEY ("alarmId", "staffId")
);
INSERT INTO "new_AlarmPage" ("alarmId", "deliveredAt", "pagedAt", "respondedAt", "response", "round", "seenAt", "staffId") SELECT "alarmId", "deliveredAt", "pagedAt", "respondedAt", "response", "round", "seenAt", "staffId" FROM "AlarmPage";
DROP TABLE "AlarmPage";
ALTER TABLE "new_AlarmPage" RENAME TO "AlarmPage";
CREATE INDEX "AlarmPage_staffId_idx" ON "AlarmPage"("staffId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
