using CodeSight.Persistence.Actors.Serialization;
using CodeSight.Persistence.Tests.Actors.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Actors;

public sealed class JsonEventSerializerTests
{
    [Fact]
    public void ARegisteredEventRoundTripsWithItsManifest()
    {
        var serializer = new JsonEventSerializer().Register<Added>("test.added");

        SerializedEvent serialized = serializer.Serialize(new Added(42));

        Assert.Equal("test.added", serialized.Manifest);
        Assert.Equal("""{"value":42}""", System.Text.Encoding.UTF8.GetString(serialized.Payload));
        Assert.Equal(new Added(42), serializer.Deserialize("test.added", serialized.Payload));
    }

    [Fact]
    public void SerializingAnUnregisteredTypeNamesTheType()
    {
        var serializer = new JsonEventSerializer();

        var error = Assert.Throws<EventSerializationException>(() => serializer.Serialize(new Unregistered(1)));

        Assert.Contains(typeof(Unregistered).FullName!, error.Message);
        Assert.Contains("Register<Unregistered>", error.Message);
    }

    [Fact]
    public void AnUnknownManifestIsNeverLoadedAsATypeName()
    {
        var serializer = new JsonEventSerializer().Register<Added>("test.added");

        var error = Assert.Throws<EventSerializationException>(() =>
            serializer.Deserialize(typeof(Unregistered).AssemblyQualifiedName!, """{"value":1}"""u8.ToArray()));

        Assert.Equal(typeof(Unregistered).AssemblyQualifiedName, error.Manifest);
        Assert.Contains("registered: 'test.added'", error.Message);
    }

    [Fact]
    public void APayloadThatDoesNotDecodeNamesTheManifestAndType()
    {
        var serializer = new JsonEventSerializer().Register<Added>("test.added");

        var error = Assert.Throws<EventSerializationException>(() => serializer.Deserialize("test.added", "{not json"u8.ToArray()));

        Assert.Contains("'test.added'", error.Message);
        Assert.Contains(nameof(Added), error.Message);
    }

    [Fact]
    public void ATypeCannotTakeASecondManifest()
    {
        var serializer = new JsonEventSerializer().Register<Added>("test.added");

        var error = Assert.Throws<ArgumentException>(() => serializer.Register<Added>("test.added.v2"));

        Assert.Contains("'test.added'", error.Message);
    }

    [Fact]
    public void AManifestCannotNameASecondType()
    {
        var serializer = new JsonEventSerializer().Register<Added>("test.added");

        var error = Assert.Throws<ArgumentException>(() => serializer.Register<Noted>("test.added"));

        Assert.Contains(typeof(Added).FullName!, error.Message);
    }

    [Fact]
    public void RegisteringTheSamePairTwiceIsHarmless()
    {
        var serializer = new JsonEventSerializer().Register<Added>("test.added").Register<Added>("test.added");

        Assert.Equal(["test.added"], serializer.Manifests);
    }
}
