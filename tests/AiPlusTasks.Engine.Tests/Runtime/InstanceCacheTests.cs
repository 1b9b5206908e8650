using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using CsCheck;

namespace AiPlusTasks.Engine.Tests.Runtime;

/// <summary>
/// <see cref="InstanceCache"/> against a reference model — a list of rows, most recently put first, cut at the
/// capacity — over random sequences of puts, takes and forgets on a few instances.
/// </summary>
public sealed class InstanceCacheTests
{
    private const int Capacity = 3;

    [Fact]
    public void PutTakeForget_AnySequence_KeepsWhatTheReferenceModelKeeps() =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 5], Gen.Int[0, 1000]).Array[0, 60].Sample(operations =>
        {
            var cache = new InstanceCache(Capacity);
            var model = new List<(string Id, int Version)>();
            foreach (var (kind, instance, version) in operations)
            {
                var id = $"i{instance}";
                switch (kind)
                {
                    case 0:
                        cache.Put(Row(id, version));
                        model.RemoveAll(r => r.Id == id);
                        model.Insert(0, (id, version));
                        if (model.Count > Capacity)
                        {
                            model.RemoveAt(Capacity);
                        }

                        break;
                    case 1:
                        var taken = cache.Take(id);
                        var expected = model.FindIndex(r => r.Id == id);
                        Assert.Equal(expected < 0 ? null : model[expected].Version, taken?.ConcurrencyVersion);
                        if (expected >= 0)
                        {
                            model.RemoveAt(expected);
                        }

                        break;
                    default:
                        cache.Forget(id);
                        model.RemoveAll(r => r.Id == id);
                        break;
                }
            }
        });

    [Fact]
    public void Put_ThenTheCommittedRowChanges_KeepsTheRowAsItWasPut()
    {
        var cache = new InstanceCache(Capacity);
        var row = Row("i", 4);

        cache.Put(row);
        row.ConcurrencyVersion = 5;
        row.State = "{\"changed\":true}";

        var kept = cache.Take("i");
        Assert.NotSame(row, kept);
        Assert.Equal(4, kept!.ConcurrencyVersion);
        Assert.Equal("{}", kept.State);
        Assert.Null(cache.Take("i"));
    }

    private static WorkflowInstanceRecord Row(string id, int version) => new() { Id = id, DefinitionId = "d", ConcurrencyVersion = version };
}
