using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.ApiKeys.Messages;

/// <summary>Creates an API key for a system of an agency (default: the caller's); the key is in the answer only.</summary>
public sealed record CreateApiKey(Caller Caller, string? Agency, string? Name) : ICommand<IssuedApiKey>;

internal sealed class CreateApiKeyHandler(ApiKeyService keys) : ICommandHandler<CreateApiKey, IssuedApiKey>
{
    public async ValueTask<IssuedApiKey> Handle(CreateApiKey command, CancellationToken cancellationToken) =>
        await keys.CreateAsync(command.Caller, command.Agency, command.Name, cancellationToken);
}
