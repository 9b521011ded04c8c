import BatonCore
import Foundation
import GRDB

/// The SQLite store's schema, as GRDB migrations applied in order (each once, recorded in `grdb_migrations`).
enum SQLiteSchema {
    /// The columns of `workflow_apps`, one row per app of a workflow: as v2 created the table, and as v4 created it
    /// again as a rowid table.
    private static func addAppColumns(to table: TableDefinition) {
        table.column("workflow_id", .text).notNull().references("workflows", onDelete: .cascade)
        table.column("position", .integer).notNull()
        table.column("app_id", .text).notNull()
        table.column("version", .integer).notNull()
        table.column("document", .blob).notNull()
        table.column("sealed_env", .blob)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: workflows") { db in
            try db.create(table: "workflows") { table in
                table.primaryKey("id", .text)
                table.column("version", .integer).notNull()
                table.column("created_at", .double).notNull().indexed()
                table.column("updated_at", .double).notNull()
                table.column("document", .blob).notNull()
            }
            try db.create(table: "baton_meta") { table in
                table.primaryKey("key", .text)
                table.column("value", .blob).notNull()
            }
        }
        migrator.registerMigration("v2: per-app rows and appended history") { db in
            try db.create(table: "workflow_apps", options: .withoutRowID) { table in
                addAppColumns(to: table)
                table.primaryKey(["workflow_id", "app_id"])
            }
            try db.create(table: "workflow_history") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("workflow_id", .text).notNull().references("workflows", onDelete: .cascade)
                table.column("entry", .blob).notNull()
            }
            try db.create(index: "workflow_history_on_workflow", on: "workflow_history", columns: ["workflow_id", "id"])
            try splitV1Documents(db)
        }
        migrator.registerMigration("v3: call slots") { db in
            try db.create(table: "call_slots") { table in
                table.column("key", .text).notNull()
                table.column("at", .double).notNull()
            }
            try db.create(index: "call_slots_on_key", on: "call_slots", columns: ["key", "at"])
        }
        migrator.registerMigration("v4: app rows in a rowid table") { db in
            // In a WITHOUT ROWID table a row keeps only about 1 KB in its page (with 4 KB pages) and the rest of an app's
            // document (2–3 KB) in overflow pages, each rewritten, freed and reallocated by every step. A rowid table
            // keeps up to about 4 KB in the page: a step writes one page for its app instead of three or four.
            try db.create(table: "workflow_apps_v4") { table in
                addAppColumns(to: table)
            }
            try db.execute(sql: """
                INSERT INTO workflow_apps_v4 (workflow_id, position, app_id, version, document, sealed_env)
                SELECT workflow_id, position, app_id, version, document, sealed_env FROM workflow_apps ORDER BY workflow_id, position
                """)
            try db.drop(table: "workflow_apps")
            try db.rename(table: "workflow_apps_v4", to: "workflow_apps")
            try db.create(index: "workflow_apps_on_workflow_and_app", on: "workflow_apps", columns: ["workflow_id", "app_id"], options: .unique)
        }
        migrator.registerMigration("v5: API keys and each workflow's principal") { db in
            try db.create(table: "api_keys") { table in
                table.primaryKey("name", .text)
                table.column("key_hash", .text).notNull().unique()
                table.column("document", .blob).notNull()
            }
            try db.alter(table: "workflows") { table in table.add(column: "principal", .text) }
            try db.create(index: "workflows_on_principal", on: "workflows", columns: ["principal", "created_at"])
        }
        migrator.registerMigration("v6: what counts a principal's open workflows") { db in
            try db.alter(table: "workflows") { table in table.add(column: "canceled", .boolean).notNull().defaults(to: false) }
            try db.alter(table: "workflow_apps") { table in table.add(column: "succeeded", .boolean).notNull().defaults(to: false) }
            // Workflows without a principal are never counted; the others get both columns from their documents.
            let workflows = try Row.fetchAll(db, sql: "SELECT id, version, document FROM workflows WHERE principal IS NOT NULL")
            for row in workflows {
                let fields = try StoredDocument.decodeFields(row["document"], version: row["version"])
                try db.execute(sql: "UPDATE workflows SET canceled = ? WHERE id = ?", arguments: [fields.canceled, fields.id])
                let apps = try Row.fetchAll(
                    db, sql: "SELECT app_id, version, document FROM workflow_apps WHERE workflow_id = ?", arguments: [fields.id])
                for app in apps {
                    let decoded = try StoredDocument.decodeApp(app["document"], version: app["version"])
                    try db.execute(
                        sql: "UPDATE workflow_apps SET succeeded = ? WHERE workflow_id = ? AND app_id = ?",
                        arguments: [decoded.hasSucceeded, fields.id, decoded.id]
                    )
                }
            }
        }
        migrator.registerMigration("v7: sealed secrets") { db in
            try db.create(table: "sealed_secrets") { table in
                table.column("kind", .text).notNull()
                table.column("id", .text).notNull()
                table.column("principal", .text).notNull()
                table.column("sealed", .blob).notNull()
                table.column("version", .integer).notNull()
                table.column("lease_until", .double)
                table.column("updated_at", .double).notNull()
                table.primaryKey(["kind", "id"])
            }
            try db.create(index: "sealed_secrets_on_kind_and_updated_at", on: "sealed_secrets", columns: ["kind", "updated_at"])
        }
        return migrator
    }

    /// Splits every workflow v1 stored as one document into its parts: the document keeps the workflow's own fields,
    /// each app gets a row (at the workflow's version, so versions only grow), each history entry a row.
    private static func splitV1Documents(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, version, document FROM workflows")
        for row in rows {
            let version: Int64 = row["version"]
            let record = try StoredDocument.decodeLegacyWorkflow(row["document"], version: version)
            for (position, app) in record.apps.enumerated() {
                try db.execute(
                    sql: "INSERT INTO workflow_apps (workflow_id, position, app_id, version, document, sealed_env) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [record.id, position, app.id, version, try StoredDocument.encode(app), record.sealedEnv[app.id]]
                )
            }
            for entry in record.history {
                try db.execute(
                    sql: "INSERT INTO workflow_history (workflow_id, entry) VALUES (?, ?)",
                    arguments: [record.id, try StoredDocument.encode(entry)]
                )
            }
            try db.execute(
                sql: "UPDATE workflows SET document = ? WHERE id = ?", arguments: [try StoredDocument.encodeFields(record), record.id]
            )
        }
    }
}
