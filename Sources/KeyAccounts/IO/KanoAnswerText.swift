/// Reads one Kano answer, given as 1...5 or as the answer text survey tools export.
///
/// Texts are matched case-insensitively after dropping punctuation and
/// apostrophes and collapsing spaces, so "I'm neutral", "I am neutral." and
/// "NEUTRAL" are the same answer. Accepted (DOMAIN.md's five answers, the
/// wording of Berger et al. 1993, and common variants):
///
/// | answer | texts |
/// |---|---|
/// | 1 like | I like it, like it, like, I like it that way, I would like it, I enjoy it, I love it, delighted |
/// | 2 expect | I expect it, expect it, expect, expected, I expect it that way, it must be that way, must be, must-be, I take it for granted |
/// | 3 neutral | I am neutral, I'm neutral, neutral, I don't care, I do not care, indifferent, it doesn't matter, does not matter |
/// | 4 live with | I can live with it, I can live with it that way, live with it, I can tolerate it, tolerate it, I can accept it |
/// | 5 dislike | I dislike it, I dislike it that way, dislike it, dislike, I don't like it, I do not like it, I would dislike it, I hate it |
///
/// A leading answer number ("1 - I like it", "(2) I expect it") is accepted
/// when it agrees with the text.
public enum KanoAnswerText {
    /// The answer 1...5 for a cell's trimmed, non-empty text; `nil` when it is not a Kano answer.
    public static func answer(_ text: String) -> Int? {
        let words = normalised(text)
        if words.isEmpty { return nil }
        if let value = Self.texts[words.joined(separator: " ")] { return value }
        // "1 i like it": a number and the text, which must agree.
        if words.count > 1, words[0].count == 1, let number = Int(words[0]), (1...5).contains(number),
           let value = Self.texts[words.dropFirst().joined(separator: " ")], value == number {
            return number
        }
        return nil
    }

    /// What a message says is expected.
    public static let expected = "1 like, 2 expect, 3 neutral, 4 live with, 5 dislike, or the answer text "
        + "(I like it, I expect it, I am neutral, I can live with it, I dislike it)"

    /// Lower-case words: letters and digits only, apostrophes removed
    /// ("don't" -> "dont"), other punctuation splits words.
    static func normalised(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        for character in text.lowercased() {
            if character == "'" || character == "\u{2019}" || character == "\u{2018}" || character == "`" { continue }
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    private static let texts: [String: Int] = {
        let answers: [(Int, [String])] = [
            (1, ["i like it", "like it", "like", "i like it that way", "i would like it", "i would like it that way",
                 "id like it", "i really like it", "i enjoy it", "i love it", "delighted", "i am delighted",
                 "im delighted", "i would be delighted"]),
            (2, ["i expect it", "expect it", "expect", "expected", "i expect it that way", "it must be that way",
                 "must be that way", "it must be", "must be", "mustbe", "it is expected", "its expected",
                 "i take it for granted", "taken for granted", "it is a must", "its a must", "must have"]),
            (3, ["i am neutral", "im neutral", "neutral", "i feel neutral", "i dont care", "i do not care", "dont care",
                 "do not care", "indifferent", "i am indifferent", "im indifferent", "it doesnt matter",
                 "it does not matter", "doesnt matter", "does not matter", "no matter"]),
            (4, ["i can live with it", "i can live with it that way", "can live with it", "live with it", "live with",
                 "i could live with it", "i can tolerate it", "i can tolerate it that way", "tolerate it", "tolerate",
                 "i tolerate it", "i could tolerate it", "i can accept it", "i can accept it that way"]),
            (5, ["i dislike it", "i dislike it that way", "dislike it", "dislike", "i dont like it", "i do not like it",
                 "i dont like it that way", "i do not like it that way", "i would dislike it",
                 "i would dislike it that way", "id dislike it", "i hate it"]),
        ]
        var table: [String: Int] = [:]
        for (value, phrases) in answers {
            for phrase in phrases { table[phrase] = value }
        }
        return table
    }()
}
