using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.ApiKeys.Messages;

/// <summary>The caller an API key stands for; null when the key is unknown, malformed or revoked.</summary>
public sealed record AuthenticateApiKey(string Key) : ICommand<Caller?>
{
    /// <summary>The message without the key, so the key cannot reach a log line.</summary>
    public override string ToString() => $"{nameof(AuthenticateApiKey)} {{ Key = … }}";
}

internal sealed class AuthenticateApiKeyHandler(ApiKeyService keys) : ICommandHandler<AuthenticateApiKey, Caller?>
{
    public async ValueTask<Caller?> Handle(AuthenticateApiKey command, CancellationToken cancellationToken) =>
        await keys.AuthenticateAsync(command.Key, cancellationToken);
}
