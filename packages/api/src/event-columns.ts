import { getTableColumns } from "drizzle-orm";
import { events } from "@boxoffice/db";

const { searchText: _folded, ...shown } = getTableColumns(events);

/** An event's columns as clients see them: everything but the folded search text. */
export const eventColumns = shown;
