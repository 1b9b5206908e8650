using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>The test platform's OpenIddict store (applications, authorizations, scopes, tokens) in a SQLite file of its own.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : DbContext(options);
