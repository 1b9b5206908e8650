using System.CommandLine;
using System.Text.Json.Nodes;
using AiPlusTasks.Cli.Connection;
using AiPlusTasks.Cli.Definitions;
using AiPlusTasks.Client.Api.WorkflowDefinitions;

namespace AiPlusTasks.Cli.Commands;

/// <summary><c>aiplus definitions pull|push|publish</c>: definitions kept in a folder, one file each.</summary>
public static class DefinitionCommands
{
    private const int PageSize = 100;

    public static Command Create(CommandSessions sessions) => new("definitions", "Workflow definitions (Elsa 3 JSON) kept in a folder, one file each.")
    {
        Pull(sessions),
        Push(sessions),
        Publish(sessions),
    };

    private static Command Pull(CommandSessions sessions)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Where to write the files (made if missing)." };
        var command = new Command("pull", "Write the latest version of every definition on the server into the folder, in the form push compares.") { folder };
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var target = parsed.GetValue(folder)!.FullName;
            Directory.CreateDirectory(target);
            var existing = DefinitionFolder.Read(target);
            await foreach (var definitionId in ListDefinitionIdsAsync(session, cancellationToken))
            {
                var server = await ClientJson.ToJsonObjectAsync(await session.CallAsync(api => api.Api.WorkflowDefinitions[definitionId].GetAsync(cancellationToken: cancellationToken)), cancellationToken);
                var path = DefinitionFolder.PathFor(target, existing, definitionId);
                await File.WriteAllTextAsync(path, DefinitionText.Write(DefinitionText.Normalize(server.ToJsonString(), definitionId)), cancellationToken);
                await sessions.Environment.Out.WriteLineAsync($"{Path.GetFileName(path)}: {definitionId} version {server["version"]}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Push(CommandSessions sessions)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "The folder of definition files (*.json; subfolders are not read)." };
        var publish = new Option<bool>("--publish") { Description = "Publish each definition imported (and each unchanged one whose latest version is a draft)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change and stop." };
        var command = new Command("push", "Compare each file with the server's latest version, show the differences, then import the new and changed ones as drafts.")
        {
            folder,
            publish,
            dryRun,
        };
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var output = sessions.Environment.Out;
            var failed = false;
            var plans = new List<(DefinitionFile File, DefinitionDiff Diff, bool Published)>();
            foreach (var file in DefinitionFolder.Read(parsed.GetValue(folder)!.FullName))
            {
                if (file.Problem is not null)
                {
                    failed = true;
                    await output.WriteLineAsync($"{file.Name}: cannot be read: {file.Problem}");
                    continue;
                }

                var found = await session.FindAsync(api => api.Api.WorkflowDefinitions[file.DefinitionId!].GetAsync(cancellationToken: cancellationToken));
                var server = found is null ? null : await ClientJson.ToJsonObjectAsync(found, cancellationToken);
                var diff = DefinitionDiff.Between(file.Normal!, server is null ? null : DefinitionText.Normalize(server.ToJsonString(), file.Name));
                plans.Add((file, diff, server?["isPublished"]?.GetValue<bool>() ?? false));
                await output.WriteLineAsync($"{file.Name} ({file.DefinitionId}): {diff.Kind.ToString().ToLowerInvariant()}");
                foreach (var line in diff.Lines)
                {
                    await output.WriteLineAsync($"    {line}");
                }
            }

            if (parsed.GetValue(dryRun))
            {
                await output.WriteLineAsync("Dry run: nothing was changed.");
                return failed ? ExitCodes.Failure : ExitCodes.Ok;
            }

            foreach (var (file, diff, published) in plans)
            {
                failed |= !await ApplyAsync(session, output, file, diff.Kind != DefinitionChangeKind.Unchanged, parsed.GetValue(publish) && (diff.Kind != DefinitionChangeKind.Unchanged || !published), cancellationToken);
            }

            return failed ? ExitCodes.Failure : ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<bool> ApplyAsync(ServerSession session, TextWriter output, DefinitionFile file, bool import, bool publish, CancellationToken cancellationToken)
    {
        try
        {
            if (import)
            {
                var body = await ClientJson.FromTextAsync(file.Text, WorkflowDefinitionsPostRequestBody.CreateFromDiscriminatorValue, cancellationToken);
                var imported = await ClientJson.ToJsonObjectAsync(await session.CallAsync(api => api.Api.WorkflowDefinitions.PostAsync(body, cancellationToken: cancellationToken)), cancellationToken);
                await output.WriteLineAsync($"{file.Name}: imported as draft version {imported["version"]}");
            }

            if (publish)
            {
                var published = await ClientJson.ToJsonObjectAsync(await session.CallAsync(api => api.Api.WorkflowDefinitions[file.DefinitionId!].Publish.PostAsync(cancellationToken: cancellationToken)), cancellationToken);
                await output.WriteLineAsync($"{file.Name}: published version {published["version"]}");
            }

            return true;
        }
        catch (CommandFailedException e) when (e.Status is not null)
        {
            await output.WriteLineAsync($"{file.Name}: refused: {e.Message}");
            return false;
        }
    }

    private static Command Publish(CommandSessions sessions)
    {
        var definitionId = new Argument<string>("definitionId") { Description = "The definition whose latest version to publish." };
        var command = new Command("publish", "Publish a definition's latest version.") { definitionId };
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var published = await ClientJson.ToJsonObjectAsync(await session.CallAsync(api => api.Api.WorkflowDefinitions[parsed.GetValue(definitionId)!].Publish.PostAsync(cancellationToken: cancellationToken)), cancellationToken);
            await sessions.Environment.Out.WriteLineAsync($"Published {published["definitionId"]} version {published["version"]}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async IAsyncEnumerable<string> ListDefinitionIdsAsync(ServerSession session, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var number = page;
            var answer = await session.CallAsync(api => api.Api.WorkflowDefinitions.GetAsync(
                request =>
                {
                    request.QueryParameters.Page = number;
                    request.QueryParameters.PageSize = PageSize;
                },
                cancellationToken));
            var items = answer.Items ?? [];
            foreach (var item in items)
            {
                yield return item.DefinitionId!;
            }

            if (items.Count == 0 || page * PageSize >= answer.TotalCount)
            {
                yield break;
            }
        }
    }
}
