using System.Text.Json.Nodes;
using Mediator;

namespace AiPlusTasks.Engine.Runtime.Messages;

/// <summary>Resumes the <c>Elsa.Event</c> bookmarks waiting for an event; returns the instances resumed.</summary>
public sealed record RaiseEvent(string Name, string? CorrelationId, JsonNode? Payload) : ICommand<IReadOnlyList<string>>;

internal sealed class RaiseEventHandler(WorkflowRuntime runtime) : ICommandHandler<RaiseEvent, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(RaiseEvent command, CancellationToken cancellationToken) =>
        await runtime.RaiseEventAsync(command.Name, command.CorrelationId, command.Payload, cancellationToken);
}
