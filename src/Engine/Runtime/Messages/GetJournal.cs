using AiPlusTasks.Workflows.Execution;
using Mediator;

namespace AiPlusTasks.Engine.Runtime.Messages;

/// <summary>One page of an instance's journal, in order.</summary>
public sealed record GetJournal(string InstanceId, int Page, int PageSize) : IQuery<Page<JournalEntry>>;

internal sealed class GetJournalHandler(WorkflowRuntime runtime) : IQueryHandler<GetJournal, Page<JournalEntry>>
{
    public async ValueTask<Page<JournalEntry>> Handle(GetJournal query, CancellationToken cancellationToken) =>
        await runtime.GetJournalAsync(query.InstanceId, query.Page, query.PageSize, cancellationToken);
}
