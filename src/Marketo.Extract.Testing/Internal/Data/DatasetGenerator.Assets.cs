namespace Marketo.Extract.Testing.Internal.Data;

internal sealed partial class DatasetGenerator
{
    private static readonly string[] ProgramTypes = ["Default", "Event", "Event with Webinar", "Engagement", "Email"];

    private EmulatedProgram NewProgram(long id, DateTimeOffset end)
    {
        var createdAt = RandomTime(end - AssetHistory, end);
        string type = Pick(ProgramTypes);
        string channel = type switch
        {
            "Event" => Pick(["Tradeshow", "Roadshow"]),
            "Event with Webinar" => "Webinar",
            "Engagement" => "Nurture",
            "Email" => "Email Send",
            _ => Pick(["Online Advertising", "Content", "Paid Search"]),
        };
        string status = type switch
        {
            "Engagement" => Pick(["on", "off"]),
            "Email" => Pick(["locked", "unlocked"]),
            _ => "",
        };
        return new EmulatedProgram
        {
            Id = id,
            Name = Invariant($"{createdAt.Year} {channel} {id}") + (Chance(0.1) && _nasty ? ", EMEA — 日本" : ""),
            Description = Chance(0.5) ? "" : Text(ValuePools.Words, ValuePools.NastyText, 0.2),
            Type = type,
            Channel = channel,
            Status = status,
            Workspace = Chance(0.8) ? "Default" : "EMEA",
            FolderId = 1900 + (id % 10),
            FolderName = Invariant($"Programs {1900 + (id % 10)}"),
            CreatedAt = createdAt,
            UpdatedAt = RandomTime(createdAt, end),
        };
    }

    private EmulatedCampaign NewCampaign(long id, List<EmulatedProgram> programs, DateTimeOffset end)
    {
        var createdAt = RandomTime(end - AssetHistory, end);
        bool trigger = Chance(0.4);
        var program = programs.Count > 0 && Chance(0.7) ? Pick(programs) : null;
        return new EmulatedCampaign
        {
            Id = id,
            Name = Invariant($"Campaign {id} {Pick(ValuePools.Words)}") + (Chance(0.1) && _nasty ? ", \"quoted\" Ελληνικά" : ""),
            Description = Chance(0.5) ? null : Text(ValuePools.Words, ValuePools.NastyText, 0.2),
            Type = trigger ? "trigger" : "batch",
            ProgramId = program?.Id,
            ProgramName = program?.Name,
            WorkspaceName = program?.Workspace ?? "Default",
            CreatedAt = createdAt,
            UpdatedAt = RandomTime(createdAt, end),
            Active = trigger ? Chance(0.6) : null,
        };
    }

    private EmulatedStaticList NewStaticList(
        long id, List<EmulatedProgram> programs, List<EmulatedLead> leads, DateTimeOffset end)
    {
        var createdAt = RandomTime(end - AssetHistory, end);
        var program = programs.Count > 0 && Chance(0.5) ? Pick(programs) : null;
        int size = leads.Count == 0 ? 0 : _random.Next(0, Math.Min(200, leads.Count / 5) + 1);
        var members = new SortedSet<long>();
        while (members.Count < size)
        {
            members.Add(leads[_random.Next(leads.Count)].Id);
        }

        return new EmulatedStaticList
        {
            Id = id,
            Name = Invariant($"List {id} {Pick(ValuePools.Words)}") + (Chance(0.1) && _nasty ? ", 日本語" : ""),
            Description = Chance(0.6) ? null : Pick(ValuePools.Words),
            ProgramName = program?.Name,
            WorkspaceName = program?.Workspace ?? "Default",
            CreatedAt = createdAt,
            UpdatedAt = RandomTime(createdAt, end),
            MemberLeadIds = [.. members],
        };
    }
}
