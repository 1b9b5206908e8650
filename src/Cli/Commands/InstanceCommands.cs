using System.CommandLine;
using System.Text.Json.Nodes;
using AiPlusTasks.Cli.Connection;
using AiPlusTasks.Cli.Definitions;
using AiPlusTasks.Client;
using AiPlusTasks.Client.Models;

namespace AiPlusTasks.Cli.Commands;

/// <summary><c>aiplus instances start|tail</c>.</summary>
public static class InstanceCommands
{
    private const int JournalPageSize = 200;

    /// <summary>China Standard Time: UTC+8 all year (no daylight saving), so a fixed offset is exact.</summary>
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    private static readonly WorkflowStatus[] Ended = [WorkflowStatus.Finished, WorkflowStatus.Faulted, WorkflowStatus.Cancelled];

    public static Command Create(CommandSessions sessions) => new("instances", "Workflow instances.")
    {
        Start(sessions),
        Tail(sessions),
    };

    private static Command Start(CommandSessions sessions)
    {
        var definitionId = new Argument<string>("definitionId") { Description = "The definition to run (its published version)." };
        var input = new Option<string[]>("--input") { Description = "An input as key=value (a text value); repeat for more.", AllowMultipleArgumentsPerToken = false };
        var inputFile = new Option<FileInfo?>("--input-file") { Description = "A JSON object of inputs (typed values)." };
        var command = new Command("start", "Start an instance and print its id.") { definitionId, input, inputFile };
        command.Validators.Add(result =>
        {
            if (result.GetValue(input) is { Length: > 0 } && result.GetValue(inputFile) is not null)
            {
                result.AddError("Give inputs either with --input or with --input-file, not both.");
            }
        });
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var inputs = parsed.GetValue(inputFile) is { } file ? InputFile(file) : Pairs(parsed.GetValue(input) ?? []);
            var body = new StartInstanceBody { DefinitionId = parsed.GetValue(definitionId), Input = UntypedJson.Parse(inputs.ToJsonString()) };
            var instance = await session.CallAsync(api => api.Api.WorkflowInstances.PostAsync(body, cancellationToken: cancellationToken));
            await sessions.Environment.Out.WriteLineAsync(instance.Id);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static JsonObject InputFile(FileInfo file) =>
        JsonNode.Parse(File.ReadAllText(file.FullName)) as JsonObject ?? throw new CommandFailedException($"{file.Name}: the inputs must be one JSON object.");

    private static JsonObject Pairs(string[] pairs)
    {
        var inputs = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
            {
                throw new CommandFailedException($"--input {pair}: write key=value.");
            }

            inputs[pair[..equals]] = pair[(equals + 1)..];
        }

        return inputs;
    }

    private static Command Tail(CommandSessions sessions)
    {
        var instanceId = new Argument<string>("instanceId");
        var command = new Command("tail", "Print the instance's journal as it grows (times in China time) until the instance ends or Ctrl+C.") { instanceId };
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var environment = sessions.Environment;
            var id = parsed.GetValue(instanceId)!;
            var instance = await session.CallAsync(api => api.Api.WorkflowInstances[id].GetAsync(cancellationToken: cancellationToken));
            var steps = await StepNamesAsync(session, instance, cancellationToken);
            long printed = 0;
            while (true)
            {
                // The status first, then the journal: a journal read after the instance ended has all of it.
                instance = await session.CallAsync(api => api.Api.WorkflowInstances[id].GetAsync(cancellationToken: cancellationToken));
                printed = await PrintJournalAsync(session, environment.Out, id, steps, printed, cancellationToken);
                if (instance.Status is { } status && Ended.Contains(status))
                {
                    await environment.Out.WriteLineAsync($"Instance {status.ToString().ToLowerInvariant()}.");
                    return status == WorkflowStatus.Finished ? ExitCodes.Ok : ExitCodes.Failure;
                }

                await Task.Delay(environment.PollInterval, environment.Time, cancellationToken);
            }
        }));
        return command;
    }

    private static async Task<long> PrintJournalAsync(
        ServerSession session, TextWriter output, string id, Dictionary<string, string> steps, long printed, CancellationToken cancellationToken)
    {
        for (var page = (int)(printed / JournalPageSize) + 1; ; page++)
        {
            var number = page;
            var answer = await session.CallAsync(api => api.Api.WorkflowInstances[id].Journal.GetAsync(
                request =>
                {
                    request.QueryParameters.Page = number;
                    request.QueryParameters.PageSize = JournalPageSize;
                },
                cancellationToken));
            var items = answer.Items ?? [];
            foreach (var entry in items.Where(e => e.Sequence > printed))
            {
                await output.WriteLineAsync(Line(entry, steps));
                printed = entry.Sequence!.Value;
            }

            if (items.Count < JournalPageSize)
            {
                return printed;
            }
        }
    }

    private static string Line(JournalEntry entry, Dictionary<string, string> steps)
    {
        var at = (entry.CompletedAt ?? entry.StartedAt)?.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var activityId = entry.ActivityId ?? "?";
        var outcomes = entry.Outcomes is { Count: > 0 } ports ? $" → {string.Join(", ", ports)}" : "";
        var message = entry.Message is { } text ? $": {text}" : "";
        return $"{at} {steps.GetValueOrDefault(activityId, activityId)} ({entry.ActivityType}) {entry.Event?.ToLowerInvariant()}{outcomes}{message}";
    }

    /// <summary>Step labels of the instance's definition version; only ids when the caller may not read definitions.</summary>
    private static async Task<Dictionary<string, string>> StepNamesAsync(ServerSession session, InstanceView instance, CancellationToken cancellationToken)
    {
        try
        {
            var definition = await ClientJson.ToJsonObjectAsync(await session.CallAsync(api => api.Api.WorkflowDefinitions[instance.DefinitionId!].GetAsync(
                request => request.QueryParameters.Version = instance.DefinitionVersion, cancellationToken)), cancellationToken);
            return DefinitionSteps.Of(definition).ToDictionary(step => step.Key, step => step.Value["name"]?.ToString() ?? step.Key, StringComparer.Ordinal);
        }
        catch (CommandFailedException e) when (e.Status == System.Net.HttpStatusCode.Forbidden)
        {
            return [];
        }
    }
}
