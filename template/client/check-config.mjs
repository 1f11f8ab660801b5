// Checks amplify_outputs.json files the way an app meets them: against the official schema (1.4),
// then loaded with aws-amplify v6's Amplify.configure(), checking what the app relies on.
//   node client/check-config.mjs [client/amplify_outputs.json client/admin/amplify_outputs.json]
// One line per file; exits 1 with the reasons when any file fails.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Amplify } from "aws-amplify";
import ts from "typescript";

// The schema as @aws-amplify/client-config publishes it: TypeScript types generated from its JSON
// schema. The Makefile unpacks that package here (without its dependencies).
const SCHEMA_TYPES = fileURLToPath(
  new URL(
    "node_modules/.client-config/lib/client-config-schema/client_config_v1.4.d.ts",
    import.meta.url,
  ),
);

/** Each document's schema violations: TypeScript refuses a missing, unknown or mistyped property
 * at any depth of an object literal typed as the schema's AWSAmplifyBackendOutputs. */
function schemaProblems(documents) {
  const typesModule = JSON.stringify(SCHEMA_TYPES.replace(/\.d\.ts$/, ".js"));
  const sources = new Map(
    documents.map(({ $schema, ...document }, index) => [
      // `$schema` is a property in the JSON schema that its generated types leave out.
      `/outputs${index}.ts`,
      `import type { AWSAmplifyBackendOutputs } from ${typesModule};\n` +
        `export const outputs: AWSAmplifyBackendOutputs = ${JSON.stringify(document, null, 2)};\n`,
    ]),
  );
  const options = {
    strict: true,
    noEmit: true,
    lib: ["lib.es5.d.ts"],
    types: [],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, ...rest) =>
    sources.has(name)
      ? ts.createSourceFile(name, sources.get(name), ts.ScriptTarget.Latest, true)
      : getSourceFile.call(host, name, ...rest);
  host.fileExists = (name) => sources.has(name) || fileExists.call(host, name);
  host.readFile = (name) => sources.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...sources.keys()], options, host);
  return [...sources.keys()].map((name) => {
    const file = program.getSourceFile(name);
    return ts.getPreEmitDiagnostics(program, file).map((diagnostic) => {
      // The most specific line of TypeScript's explanation, without its dump of the object type,
      // at the JSON path it points to.
      const lines = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").split("\n");
      const reason = lines.at(-1).trim().replace(/ in type '\{.*$/, "").replace(/\.$/, "");
      const where = diagnostic.file === file ? jsonPath(file, diagnostic.start) : "";
      return `${where || "(file)"}: ${reason}`;
    });
  });
}

/** The dotted JSON path of the innermost property or array item at `position`. */
function jsonPath(node, position, path = "") {
  let found = path;
  ts.forEachChild(node, (child) => {
    if (position < child.getStart() || position >= child.end) return undefined;
    let step = path;
    if (ts.isPropertyAssignment(child)) step = `${path ? `${path}.` : ""}${child.name.text}`;
    if (ts.isArrayLiteralExpression(node)) step = `${path}[${node.elements.indexOf(child)}]`;
    found = jsonPath(child, position, step);
    return true;
  });
  return found;
}

/** Amplify configured from the document as an app does it: the local stack's files name its
 * emulated services under custom.local_endpoints, which Amplify's own keys do not cover. */
function configure(outputs) {
  Amplify.configure(outputs);
  const local = outputs.custom?.local_endpoints;
  if (!local) return;
  const config = Amplify.getConfig();
  const cognito = config.Auth?.Cognito;
  Amplify.configure({
    ...config,
    Auth: {
      Cognito: {
        ...cognito,
        userPoolEndpoint: local.user_pool,
        ...(cognito?.identityPoolId ? { identityPoolEndpoint: local.identity_pool } : {}),
      },
    },
  });
}

/** What Amplify.configure() made of the document, where the app reads it. */
function amplifyProblems(outputs) {
  const problems = [];
  const expect = (ok, what) => ok || problems.push(what);
  // Amplify's value must be the file's, and the file must have one.
  const same = (actual, expected, what) => expect(expected != null && actual === expected, what);
  configure(outputs);
  const { Auth, Storage } = Amplify.getConfig();
  const cognito = Auth?.Cognito ?? {};
  same(cognito.userPoolId, outputs.auth?.user_pool_id, "Auth.Cognito.userPoolId");
  const clientId = outputs.auth?.user_pool_client_id;
  same(cognito.userPoolClientId, clientId, "Auth.Cognito.userPoolClientId");
  const signIn = cognito.loginWith ?? {};
  expect(outputs.auth?.username_attributes?.length, "auth.username_attributes");
  for (const attribute of outputs.auth?.username_attributes ?? []) {
    const name = attribute === "phone_number" ? "phone" : attribute;
    expect(signIn[name] === true, `Auth.Cognito.loginWith.${name}`);
  }
  const minLength = outputs.auth?.password_policy?.min_length;
  same(cognito.passwordFormat?.minLength, minLength, "Auth.Cognito.passwordFormat");
  if (outputs.auth?.oauth) {
    const oauth = signIn.oauth ?? {};
    same(oauth.domain, outputs.auth.oauth.domain, "Auth.Cognito.loginWith.oauth.domain");
    const providers = outputs.auth.oauth.identity_providers;
    expect(oauth.providers?.length === providers?.length, "Auth.Cognito.loginWith.oauth.providers");
  }
  if (outputs.storage) {
    // Storage signs S3 requests with identity-pool credentials.
    same(cognito.identityPoolId, outputs.auth?.identity_pool_id, "Auth.Cognito.identityPoolId");
    same(Storage?.S3?.bucket, outputs.storage.bucket_name, "Storage.S3.bucket");
    same(Storage?.S3?.region, outputs.storage.aws_region, "Storage.S3.region");
  }
  expect(typeof outputs.custom?.api_url === "string", "custom.api_url");
  const local = outputs.custom?.local_endpoints;
  if (local) {
    same(cognito.userPoolEndpoint, local.user_pool, "Auth.Cognito.userPoolEndpoint");
    if (outputs.auth?.identity_pool_id) {
      same(cognito.identityPoolEndpoint, local.identity_pool, "Auth.Cognito.identityPoolEndpoint");
    }
  }
  return problems;
}

if (!existsSync(SCHEMA_TYPES)) {
  console.error(`${SCHEMA_TYPES} is missing: \`make client-check\` installs it`);
  process.exit(1);
}
const paths = process.argv.slice(2);
if (!paths.length) paths.push(fileURLToPath(new URL("amplify_outputs.json", import.meta.url)));
const documents = paths.map((path) => {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    console.error(`${path}: ${error.message} (\`make client-config STAGE=<stage>\` writes it)`);
    process.exit(1);
  }
});
const schema = schemaProblems(documents);
let failed = false;
documents.forEach((outputs, index) => {
  const path = paths[index];
  const amplify = amplifyProblems(outputs);
  if (schema[index].length || amplify.length) {
    failed = true;
    if (schema[index].length) console.error(`${path}: not schema 1.4: ${schema[index].join("; ")}`);
    if (amplify.length) {
      console.error(`${path}: Amplify.configure() did not get ${amplify.join(", ")}`);
    }
  } else {
    const parts = ["auth", outputs.storage && "storage", "api", outputs.custom?.local_endpoints && "local endpoints"]
      .filter(Boolean)
      .join(", ");
    console.log(`${path}: schema 1.4, Amplify.configure() took it (${parts})`);
  }
});
process.exit(failed ? 1 : 0);
