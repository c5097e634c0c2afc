/**
 * Writes the server's router type as a plain declaration: every procedure's input and
 * output spelled out as JSON-shaped types, with no reference to the server's context,
 * database or validation libraries. The published `.d.ts` inlines it, so consumers get the
 * exact router types while installing only @trpc/client and @trpc/server.
 */
import { fileURLToPath } from "node:url";
import ts from "typescript";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

function loadProgram() {
  const configPath = ts.findConfigFile(packageDir, ts.sys.fileExists, "tsconfig.json");
  if (!configPath) throw new Error("packages/client/tsconfig.json not found");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error("could not read tsconfig.json");
  const entry = `${packageDir}src/types.ts`;
  const program = ts.createProgram([entry], { ...parsed.options, noEmit: true });
  // Only the entry's own diagnostics: checking every server file would double the build
  // time, and a router broken by a type error shows up as `any`, which print() refuses.
  const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(entry));
  if (errors.length > 0) {
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => packageDir,
      getNewLine: () => "\n",
    };
    throw new Error(`The router does not type-check:\n${ts.formatDiagnostics(errors, host)}`);
  }
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`${entry} is not in the program`);
  return { checker: program.getTypeChecker(), source };
}

/** Prints a type as a self-contained type expression, refusing anything that is not data. */
class TypePrinter {
  /** Names from @trpc/server the printed types use. */
  readonly trpcTypes = new Set<string>();

  constructor(private readonly checker: ts.TypeChecker) {}

  print(type: ts.Type, indent: string, path: string): string {
    const { checker } = this;
    const f = type.flags;
    if (f & ts.TypeFlags.Any) {
      throw new Error(`${path} is \`any\` (a type error in the router, or untyped data)`);
    }
    if (indent.length > 80) throw new Error(`${path}: nested too deep (a recursive type?)`);
    if (f & ts.TypeFlags.Unknown) return "unknown";
    if (f & ts.TypeFlags.Never) return "never";
    if (f & ts.TypeFlags.Void) return "void";
    if (f & ts.TypeFlags.Undefined) return "undefined";
    if (f & ts.TypeFlags.Null) return "null";
    if (f & ts.TypeFlags.String) return "string";
    if (f & ts.TypeFlags.Number) return "number";
    if (f & ts.TypeFlags.Boolean) return "boolean";
    if (f & ts.TypeFlags.BigInt) return "bigint";
    if (f & ts.TypeFlags.NonPrimitive) return "object";
    if (f & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BooleanLiteral))
      return checker.typeToString(type);
    if (type.isUnion()) return this.union(type.types, indent, path);
    if (type.isIntersection())
      return type.types.map((t) => this.wrap(this.print(t, indent, path))).join(" & ");
    if (f & ts.TypeFlags.Object) return this.object(type as ts.ObjectType, indent, path);
    throw new Error(`${path}: cannot spell out \`${checker.typeToString(type)}\``);
  }

  private union(types: readonly ts.Type[], indent: string, path: string): string {
    const isTrue = (t: ts.Type) =>
      t.flags & ts.TypeFlags.BooleanLiteral && this.checker.typeToString(t) === "true";
    const isFalse = (t: ts.Type) =>
      t.flags & ts.TypeFlags.BooleanLiteral && this.checker.typeToString(t) === "false";
    const both = types.some(isTrue) && types.some(isFalse);
    const parts: string[] = [];
    for (const t of types) {
      if (both && isFalse(t)) continue;
      parts.push(both && isTrue(t) ? "boolean" : this.wrap(this.print(t, indent, path)));
    }
    return parts.join(" | ");
  }

  /** Parenthesises a compound type where it is an array element or a union member. */
  private wrap(text: string): string {
    return /^[\w".-]+(\[\])*$/.test(text) || text.startsWith("{") || text.startsWith("[")
      ? text
      : `(${text})`;
  }

  private object(type: ts.ObjectType, indent: string, path: string): string {
    const { checker } = this;
    const name = (type.aliasSymbol ?? type.getSymbol())?.getName();

    if (checker.isArrayType(type)) {
      const [element] = checker.getTypeArguments(type as ts.TypeReference);
      if (!element) throw new Error(`${path}: array without an element type`);
      const readonly = name === "ReadonlyArray" ? "readonly " : "";
      return `${readonly}${this.wrap(this.print(element, indent, `${path}[]`))}[]`;
    }
    if (checker.isTupleType(type)) {
      const elements = checker.getTypeArguments(type as ts.TypeReference);
      return `[${elements.map((e, i) => this.print(e, indent, `${path}[${i}]`)).join(", ")}]`;
    }
    if (type.aliasSymbol?.getName() === "TrackedEnvelope") {
      const [data] = type.aliasTypeArguments ?? [];
      if (!data) throw new Error(`${path}: TrackedEnvelope without data`);
      this.trpcTypes.add("TrackedEnvelope");
      return `TrackedEnvelope<${this.print(data, indent, `${path}.data`)}>`;
    }
    if (name === "AsyncGenerator" || name === "AsyncIterable") {
      const args = checker.getTypeArguments(type as ts.TypeReference);
      return `${name}<${args.map((a, i) => this.print(a, indent, `${path}<${i}>`)).join(", ")}>`;
    }
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
      throw new Error(`${path}: functions are not data (\`${checker.typeToString(type)}\`)`);
    }
    if (name === "Date" || name === "Map" || name === "Set") {
      throw new Error(`${path}: ${name} does not survive JSON; the API should send plain data`);
    }

    const inner = `${indent}  `;
    const members: string[] = [];
    for (const info of checker.getIndexInfosOfType(type)) {
      const key = checker.typeToString(info.keyType);
      members.push(
        `${inner}${info.isReadonly ? "readonly " : ""}[key: ${key}]: ${this.print(info.type, inner, `${path}[${key}]`)};`,
      );
    }
    for (const property of checker.getPropertiesOfType(type)) {
      const key = property.getName();
      const optional = property.flags & ts.SymbolFlags.Optional ? "?" : "";
      const propertyType = checker.getTypeOfSymbol(property);
      const printed = this.print(propertyType, inner, `${path}.${key}`);
      const quoted = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      members.push(`${inner}${quoted}${optional}: ${printed};`);
    }
    return members.length === 0 ? "{}" : `{\n${members.join("\n")}\n${indent}}`;
  }
}

const procedureKinds = {
  query: "TRPCQueryProcedure",
  mutation: "TRPCMutationProcedure",
  subscription: "TRPCSubscriptionProcedure",
} as const;

/**
 * The declaration text of `AppRouter`, `RouterInputs`, `RouterOutputs`, `BookingFailureCode`
 * and `ResyncReason`.
 */
export function routerDeclarations(): string {
  const { checker, source } = loadProgram();
  const exported = (name: string) => {
    const moduleSymbol = checker.getSymbolAtLocation(source);
    const symbol =
      moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === name);
    if (!symbol) throw new Error(`src/types.ts does not export ${name}`);
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return checker.getDeclaredTypeOfSymbol(target);
  };
  const member = (type: ts.Type, name: string, path: string) => {
    const property = type.getProperty(name);
    if (!property) throw new Error(`${path} has no \`${name}\``);
    return checker.getTypeOfSymbol(property);
  };
  const printer = new TypePrinter(checker);

  const router = exported("AppRouter");
  const def = member(router, "_def", "AppRouter");
  const rootTypes = member(member(def, "_config", "_def"), "$types", "_def._config");
  const transformer = checker.typeToString(member(rootTypes, "transformer", "$types"));
  if (transformer !== "false") throw new Error(`expected no transformer, found ${transformer}`);

  const record = (type: ts.Type, indent: string, path: string): string => {
    const inner = `${indent}  `;
    const lines = checker.getPropertiesOfType(type).map((property) => {
      const name = property.getName();
      const at = path ? `${path}.${name}` : name;
      const value = checker.getTypeOfSymbol(property);
      const procedure = value.getProperty("_def");
      if (!procedure) return `${inner}${name}: ${record(value, inner, at)};`;
      const procedureDef = checker.getTypeOfSymbol(procedure);
      const kind = checker.typeToString(member(procedureDef, "type", at)).replace(/"/g, "");
      if (!(kind in procedureKinds)) throw new Error(`${at}: unknown procedure type ${kind}`);
      const types = member(procedureDef, "$types", at);
      const deeper = `${inner}  `;
      const input = printer.print(member(types, "input", at), deeper, `${at} input`);
      const output = printer.print(member(types, "output", at), deeper, `${at} output`);
      return [
        `${inner}${name}: ${procedureKinds[kind as keyof typeof procedureKinds]}<{`,
        `${deeper}input: ${input};`,
        `${deeper}output: ${output};`,
        `${deeper}meta: object;`,
        `${inner}}>;`,
      ].join("\n");
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  };

  const errorShape = printer.print(member(rootTypes, "errorShape", "$types"), "", "errorShape");
  const failureCodes = printer.print(exported("BookingFailureCode"), "", "BookingFailureCode");
  const resyncReasons = printer.print(exported("ResyncReason"), "", "ResyncReason");
  const procedures = record(member(def, "record", "_def"), "  ", "");
  const trpcImports = [
    "TRPCBuiltRouter",
    "TRPCMutationProcedure",
    "TRPCQueryProcedure",
    "TRPCSubscriptionProcedure",
    ...printer.trpcTypes,
    "inferRouterInputs",
    "inferRouterOutputs",
  ];

  return `// Generated from the server's AppRouter by packages/client/scripts/router-declarations.ts.
import type { ${trpcImports.join(", ")} } from "@trpc/server";

/** Every error the API sends: \`data.reason\` is the booking refusal, \`data.zodError\` bad input. */
type ErrorShape = ${errorShape};

/** The Boxoffice API router, procedure by procedure. */
export type AppRouter = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: ErrorShape; transformer: false },
  ${procedures}
>;

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Why the server refused an operation; \`data.reason\` of an error. */
export type BookingFailureCode = ${failureCodes};

/** Why a subscription cannot resume from its lastEventId; \`data.resync\` of an error. */
export type ResyncReason = ${resyncReasons};
`;
}
