using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Tasks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime.Messages;

/// <summary>
/// Resumes the <c>Elsa.Event</c> bookmarks waiting for an event; returns the instances resumed. NDRC planners and
/// supervisors raise any event. Any other caller that may act (agency staff, lead, agency system) must name a
/// correlation id that belongs to a task of its own agency; another agency's correlation id is answered exactly like
/// one nothing waits for (404), so the answer reveals nothing about other agencies' workflows.
/// </summary>
/// <exception cref="ForbiddenException">The caller is an auditor (reads only).</exception>
/// <exception cref="RequestValidationException">An agency caller sent no correlation id (named <c>correlationId</c>).</exception>
/// <exception cref="NotFoundException">Nothing waits for the event (with that correlation id), or the correlation id is not the agency's.</exception>
public sealed record RaiseEvent(Caller Caller, string Name, string? CorrelationId, JsonNode? Payload) : ICommand<IReadOnlyList<string>>;

internal sealed class RaiseEventHandler(WorkflowRuntime runtime, IDbContextFactory<WorkflowDbContext> dbFactory) : ICommandHandler<RaiseEvent, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(RaiseEvent command, CancellationToken cancellationToken)
    {
        var (caller, name, correlationId) = (command.Caller, command.Name, command.CorrelationId);
        if (!caller.CanAct)
        {
            throw new ForbiddenException("auditors read only");
        }

        if (!caller.IsNdrcStaff)
        {
            if (string.IsNullOrWhiteSpace(correlationId))
            {
                throw RequestValidationException.For("correlationId", "an agency raises events for its own tasks: name the task's correlation id");
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Tasks.AnyAsync(t => t.CorrelationId == correlationId && t.AgencyCode == caller.AgencyCode, cancellationToken))
            {
                throw NothingWaits(name, correlationId);
            }
        }

        var resumed = await runtime.RaiseEventAsync(name, correlationId, command.Payload, cancellationToken);
        return resumed.Count > 0 ? resumed : throw NothingWaits(name, correlationId);
    }

    private static NotFoundException NothingWaits(string name, string? correlationId) =>
        new($"no workflow instance waits for event '{name}'{(correlationId is null ? "" : $" with correlation id '{correlationId}'")}");
}
