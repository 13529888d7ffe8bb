// What a console module contributes to the frame, declared once in its folder
// (src/modules/<name>/index.ts) and named by one line in src/modules/index.ts: its pages, where they
// sit in the side menu, its strings in both languages (with the labels of the permissions, audit
// actions and audit object types its server module declares), and how the audit log reads the
// details its server module writes. The router, the menu, vue-i18n and the audit log read the
// list; no shared file names a module's page or string.
import type { RouteRecordRaw } from 'vue-router'
import type { Locale } from '@/locales'
import type { MenuGroup } from '@/router/menu'

/** Labels of codes the server module declares, keyed by the code ("org:grid:create": "新建网格"). */
export type CodeLabels = Record<string, string>

/**
 * The strings of one module in one language, reached as t('<name>.<key>'). Any sections for its
 * pages, plus these, which the frame reads for every module.
 */
export interface ModuleMessages {
  [section: string]: unknown
  /** Its permissions (src/<name>/declaration.hpp), e.g. "org:grid:create": its name comes first. */
  permissions?: CodeLabels
  /** The audit action codes it declares (src/<name>/declaration.cpp), e.g. "org.grid.create". */
  auditActions?: CodeLabels
  /** The object types its audit entries name, e.g. "grid". */
  auditObjects?: CodeLabels
  /** Messages for the fixed shapes of its audit entries' details (see AuditDetailRule). */
  auditDetails?: CodeLabels
}

/** Lookups a detail rule may use for the values it reads (passed in, so modules import no i18n). */
export interface DetailLabels {
  role(key: string): string
}

/**
 * The server writes an audit entry's detail in English, in a few fixed shapes; a rule turns one
 * shape into a message of the module's auditDetails, in the reader's language. A rule applies to
 * the entries of one action, or to every entry with one result, so that free text a person typed
 * (the reason given to reveal a phone) is never mistaken for a fixed shape.
 */
export interface AuditDetailRule<Message extends string = string> {
  action?: string
  result?: string
  pattern: RegExp
  /** Its message under auditDetails. */
  message: Message
  params: (match: RegExpExecArray, labels: DetailLabels) => Record<string, string>
}

type DetailMessageOf<M extends ModuleMessages> = Extract<keyof NonNullable<M['auditDetails']>, string>

export interface ConsoleModule<
  Name extends string = string,
  Messages extends ModuleMessages = ModuleMessages,
  DetailMessage extends string = string,
> {
  /** The server module's name (src/modules/modules.cpp): its permissions' first part, and the namespace of its strings. */
  name: Name
  /** Where its pages go in the side menu (and, later, its cards on the workbench); none: top level. */
  group?: MenuGroup
  /**
   * Its pages inside the console frame, at paths under "/". A page with meta.menu ({ order }) is
   * listed in the side menu, in the module's group, by order.
   */
  routes?: readonly RouteRecordRaw[]
  /** Its strings: English has the same keys as Chinese (the type says so). */
  messages: Record<Locale, Messages>
  auditDetailRules?: readonly AuditDetailRule<DetailMessage>[]
}

/** Declares a module; its strings stay typed, and a detail rule names a message it has. */
export function defineModule<const Name extends string, Messages extends ModuleMessages>(
  module: ConsoleModule<Name, Messages, DetailMessageOf<Messages>>,
): ConsoleModule<Name, Messages> {
  return module
}
