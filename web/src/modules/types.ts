// What a console module contributes to the frame, declared once in its folder
// (src/modules/<name>/index.ts) and named by one line in src/modules/index.ts: its pages, where they
// sit in the side menu, its strings in both languages (with the labels of the permissions, audit
// actions and audit object types its server module declares), and how the audit log reads the
// details its server module writes. The router, the menu, vue-i18n and the audit log read the
// list; no shared file names a module's page or string.
import type { Component } from 'vue'
import type { RouteLocationRaw, RouteRecordRaw } from 'vue-router'
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
  /** A message of the console in the reader's language, by its full key ("workforce.positions.director"). */
  message(key: string): string
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

/**
 * A card a module puts on the workbench (工作台, the home page). It is shown to a signed-in account
 * that holds one of `permission` and one of the roles `order` names; among the cards of all
 * modules, by the smallest order of the account's roles (then by name). Its component reads the
 * working unit from the unit store, like a page.
 */
export interface WorkbenchCard {
  /** Unique across modules: "<module>.<card>". */
  name: string
  component: () => Promise<{ default: Component }>
  /** Any one of these shows the card. */
  permission: string | readonly string[]
  /** Its place per built-in role ("county_admin": 10); a role not named does not get the card. */
  order: Readonly<Partial<Record<string, number>>>
  /** Spans the workbench's width (a map, a wide table); otherwise half of it on a wide screen. */
  wide?: boolean
  /**
   * Asks for the card's data as soon as the router knows the working unit (null: the account has
   * none), while the page and the card's code still load; the card then reads the same answer
   * (src/utils/shared-request.ts) instead of asking after it has been drawn.
   */
  prefetch?: (unitCode: string | null) => unknown
}

/** Where a to-do (待办) of the server's GET /workbench/todos leads, by its code. */
export interface TodoTarget {
  to: RouteLocationRaw
}

/** A measure the workbench's ranking card can rank the units below the working unit by. */
export interface RankingMeasure {
  /** Unique across modules: "<module>.<measure>". */
  key: string
  /** Message key of its name in the measure selector. */
  label: string
  /** Any one of these offers the measure. */
  permission: string | readonly string[]
  /** Levels of the working unit (1 province … 4 township/street) for which it means something. */
  levels: readonly number[]
  /** Its place among the measures (the smallest is chosen first). */
  order: number
  /** Percentages (0..1, shown as 45.7%) or counts. */
  kind: 'share' | 'count'
  /** Lower is weaker (coverage) or higher is weaker (grids without a worker). */
  weakIs: 'low' | 'high'
  /** The value of every unit below `code` (null: nothing to measure there), and an optional note. */
  load: (code: string, signal?: AbortSignal) => Promise<RankingResult>
}

export interface RankingResult {
  rows: { code: string; name: string; value: number | null }[]
  /** A message under the ranking (what exactly is measured): its key and parameters. */
  note?: { key: string; params?: Record<string, string> }
}

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
  /** Its cards on the workbench. */
  workbench?: readonly WorkbenchCard[]
  /** Where each of its to-do codes (the server's, "org.grids.unstaffed") leads. */
  todos?: Readonly<Record<string, TodoTarget>>
  /** Measures it offers to the workbench's ranking of units. */
  rankings?: readonly RankingMeasure[]
}

/** Declares a module; its strings stay typed, and a detail rule names a message it has. */
export function defineModule<const Name extends string, Messages extends ModuleMessages>(
  module: ConsoleModule<Name, Messages, DetailMessageOf<Messages>>,
): ConsoleModule<Name, Messages> {
  return module
}
