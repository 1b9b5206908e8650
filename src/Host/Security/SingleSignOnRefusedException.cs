namespace AiPlusTasks.Host.Security;

/// <summary>A platform user may not sign in here (<see cref="SingleSignOnRefusal"/>); the callback shows the refusal page.</summary>
public sealed class SingleSignOnRefusedException(SingleSignOnRefusal reason, string detail) : Exception(detail)
{
    public SingleSignOnRefusal Reason { get; } = reason;
}
