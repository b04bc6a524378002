using Xunit;

namespace CodeSight.Packaging.Tests.Support;

/// <summary>The tests that share one <see cref="PackedRepository"/>: packing is done once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedRepository>
{
    public const string Name = "packaging";
}
