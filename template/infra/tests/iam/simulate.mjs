// Evaluates IAM requests with @cloud-copilot/iam-simulate, AWS's policy evaluation logic as a
// library: reads a JSON list of simulations on stdin, prints the list of decisions
// ("Allowed", "ImplicitlyDenied" or "ExplicitlyDenied"; an invalid simulation fails the run).
import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate'

let input = ''
for await (const chunk of process.stdin) input += chunk
const decisions = []
for (const simulation of JSON.parse(input)) {
  if (simulation.request.principal === 'anonymous') simulation.request.principal = anonymousPrincipal
  const answer = await runSimulation(simulation, {})
  if (answer.errors) throw new Error(JSON.stringify({ simulation, errors: answer.errors }))
  decisions.push(answer.overallResult)
}
process.stdout.write(JSON.stringify(decisions))
