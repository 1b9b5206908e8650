using Mediator;

namespace AiPlusTasks.Engine.Runtime.Messages;

/// <summary>An instance's status, variables, output, incidents and bookmarks.</summary>
public sealed record GetInstance(string InstanceId) : IQuery<InstanceView>;

internal sealed class GetInstanceHandler(WorkflowRuntime runtime) : IQueryHandler<GetInstance, InstanceView>
{
    public async ValueTask<InstanceView> Handle(GetInstance query, CancellationToken cancellationToken) =>
        await runtime.GetAsync(query.InstanceId, cancellationToken);
}
