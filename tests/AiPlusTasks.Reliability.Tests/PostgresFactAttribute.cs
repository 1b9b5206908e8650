namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// A test that needs PostgreSQL (<see cref="PostgresTestDatabase.ServerVariable"/>): without a server it runs and fails
/// saying so, unless <see cref="PostgresTestDatabase.OptionalVariable"/> is <c>1</c>, when it is skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.Server is null && Environment.GetEnvironmentVariable(PostgresTestDatabase.OptionalVariable) == "1")
        {
            Skip = $"{PostgresTestDatabase.ServerVariable} is unset and {PostgresTestDatabase.OptionalVariable}=1";
        }
    }
}
