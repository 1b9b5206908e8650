using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiPlusTasks.Engine.Persistence.Configurations;

internal sealed class ReviewParticipantConfiguration : IEntityTypeConfiguration<ReviewParticipantRecord>
{
    public void Configure(EntityTypeBuilder<ReviewParticipantRecord> builder)
    {
        builder.ToTable("ReviewParticipants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.ReviewId).HasMaxLength(64);
        builder.Property(p => p.AgencyCode).HasMaxLength(64);
        builder.Property(p => p.Role).HasMaxLength(16);
        builder.Property(p => p.UserName).HasMaxLength(200);
        builder.Property(p => p.State).HasMaxLength(16);
        builder.Property(p => p.TaskId).HasMaxLength(64);
        builder.Property(p => p.DecidedBy).HasMaxLength(200);
        builder.Property(p => p.ActingFor).HasMaxLength(200);
        builder.Property(p => p.AddedBy).HasMaxLength(200);
        builder.Property(p => p.RemovedBy).HasMaxLength(200);
        builder.Property(p => p.ConcurrencyVersion).IsConcurrencyToken();
        builder.HasIndex(p => new { p.ReviewId, p.Position });
        builder.HasIndex(p => p.TaskId);
    }
}
