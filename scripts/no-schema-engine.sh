#!/bin/sh
echo "The Prisma schema engine is not available offline; PainDesk applies migrations itself (npm run db:migrate)." >&2
exit 1
