using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

/// <summary>Identity's user tables under the engine's names (Users, UserClaims, UserLogins, UserTokens).</summary>
internal sealed class UserConfiguration :
    IEntityTypeConfiguration<UserRecord>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>,
    IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<UserRecord> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.Id).HasMaxLength(100);
        builder.Property(u => u.AgencyCode).HasMaxLength(50);
        builder.Property(u => u.Roles).HasMaxLength(200);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasIndex(u => u.AgencyCode);
    }

    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder) => builder.ToTable("UserClaims");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> builder) => builder.ToTable("UserLogins");

    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder) => builder.ToTable("UserTokens");
}
