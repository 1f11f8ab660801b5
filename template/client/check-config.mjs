// Loads client/amplify_outputs.json the way an app does, with aws-amplify v6's
// Amplify.configure(), and checks what the app relies on. Exits non-zero with the reason.
import { readFileSync } from "node:fs";
import { Amplify } from "aws-amplify";

const path = process.argv[2] ?? new URL("./amplify_outputs.json", import.meta.url);
const outputs = JSON.parse(readFileSync(path, "utf8"));
const problems = [];
const expect = (ok, what) => ok || problems.push(what);
// Amplify's value must be the file's, and the file must have one.
const same = (actual, expected, what) => expect(expected != null && actual === expected, what);

expect(outputs.version === "1.4", `version is ${outputs.version}, not 1.4`);
Amplify.configure(outputs);
const { Auth, Storage } = Amplify.getConfig();
const cognito = Auth?.Cognito ?? {};
same(cognito.userPoolId, outputs.auth?.user_pool_id, "Auth.Cognito.userPoolId");
same(cognito.userPoolClientId, outputs.auth?.user_pool_client_id, "Auth.Cognito.userPoolClientId");
const signIn = cognito.loginWith ?? {};
expect(outputs.auth?.username_attributes?.length, "auth.username_attributes");
for (const attribute of outputs.auth?.username_attributes ?? []) {
  const name = attribute === "phone_number" ? "phone" : attribute;
  expect(signIn[name] === true, `Auth.Cognito.loginWith.${name}`);
}
same(cognito.passwordFormat?.minLength, outputs.auth?.password_policy?.min_length, "Auth.Cognito.passwordFormat");
if (outputs.auth?.oauth) {
  const oauth = signIn.oauth ?? {};
  same(oauth.domain, outputs.auth.oauth.domain, "Auth.Cognito.loginWith.oauth.domain");
  expect(oauth.providers?.length === outputs.auth.oauth.identity_providers.length, "oauth providers");
}
if (outputs.storage) {
  // Storage signs S3 requests with identity-pool credentials.
  same(cognito.identityPoolId, outputs.auth?.identity_pool_id, "Auth.Cognito.identityPoolId");
  same(Storage?.S3?.bucket, outputs.storage.bucket_name, "Storage.S3.bucket");
  same(Storage?.S3?.region, outputs.storage.aws_region, "Storage.S3.region");
}
expect(typeof outputs.custom?.api_url === "string", "custom.api_url");

if (problems.length) {
  console.error(`${path}: Amplify.configure() did not get ${problems.join(", ")}`);
  process.exit(1);
}
console.log(`${path}: Amplify.configure() took it (auth${outputs.storage ? ", storage" : ""}, api)`);
