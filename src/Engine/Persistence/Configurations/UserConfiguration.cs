using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<UserRecord>
{
    public void Configure(EntityTypeBuilder<UserRecord> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Username);
        builder.Property(u => u.Username).HasMaxLength(100);
        builder.Property(u => u.AgencyCode).HasMaxLength(50);
        builder.Property(u => u.Roles).HasMaxLength(200);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasIndex(u => u.AgencyCode);
    }
}
