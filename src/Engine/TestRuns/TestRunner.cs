using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.TestRuns;

/// <summary>
/// Starts <see cref="TestRun"/>s: a definition run in memory with the engine's activities and expressions, its clock
/// starting at the engine's time, in the engine's time zone (<see cref="EngineOptions.TimeZone"/>). Uses no database.
/// </summary>
public sealed class TestRunner(
    ActivityRegistry registry, ExpressionEvaluator evaluator, DefinitionValidator validator, TimeProvider time, IOptions<EngineOptions> options, WorkingCalendar calendar)
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>
    /// Validates <paramref name="definition"/> as publishing would, then runs its first step with <paramref name="input"/>
    /// (none: an empty object). The definition is read as it is now; later changes to it do not reach the run.
    /// </summary>
    /// <returns>The run, finished or waiting; a fault during the step is in its <see cref="TestRun.Incidents"/>, not thrown.</returns>
    /// <exception cref="DefinitionValidationException">The definition has problems; each one is listed.</exception>
    public TestRun Start(WorkflowDefinition definition, JsonObject? input = null)
    {
        var problems = validator.Validate(definition);
        if (problems.Count > 0)
        {
            throw new DefinitionValidationException(problems);
        }

        // A copy, so that the designer's further edits of its draft do not change the definition under the run.
        var snapshot = WorkflowDefinitionJson.Read(WorkflowDefinitionJson.Write(definition), "test run");
        var run = new TestRun(new WorkflowBlueprint(snapshot), registry, evaluator, time.GetUtcNow(), _timeZone, calendar);
        run.Start(input ?? []);
        return run;
    }
}
