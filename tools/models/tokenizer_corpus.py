"""A deterministic corpus of prompts that stress a CLIP tokenizer: CJK, emoji (with joiners and skin tones),
right-to-left scripts, accents (composed and decomposed), long whitespace runs of several kinds, punctuation,
apostrophes, numbers, mixed case and lines of 500 characters (truncated to 77 tokens)."""
import random

BASE = [
    "a photo of a cat", "Hello World", "A PHOTO OF A DOG", "a Photo Of A Bird", "the cat's toy", "it's", "we're here",
    "they've gone", "I'm fine", "you'll see", "she'd know", "don't", "Rock 'n' roll", "'quoted'", "''double''",
    "\"double quotes\"", "isn't it?", "O'Brien's café", "l'été", "1984", "3.14159", "+49 (0)30 1234-5678",
    "2024-03-01T12:00:00Z", "100%", "$9.99", "€12,50", "№7", "½ cup", "Ⅻ o'clock", "x²+y²=z²", "٣ cats",
    "一只猫", "一張照片，裡面有一隻貓。", "猫の写真", "고양이 사진", "ひらがなとカタカナ", "中文English混合",
    "🐱 on a mat", "🐈‍⬛", "👍🏽 thumbs up", "👩‍👩‍👧‍👦 family", "🇩🇪 flag", "❤️", "😂😂😂", "⭐ star ✨",
    "قطة", "صورة قطة على السجادة", "חתול", "תמונה של חתול", "mixed עברית and English", "فارسی ۱۲۳",
    "naïve", "naïve", "résumé", "Crème brûlée", "Ångström", "Ǆemal", "İstanbul", "straße", "STRASSE", "ΟΔΟΣ",
    "Δ δ", "Привет, мир", "Ελληνικά", "ქართული", "हिन्दी", "ภาษาไทย", "Tiếng Việt", "ẞ", "ﬁne ligature",
    "a\u00a0non-breaking space", "tabs\tand\nnewlines", "   leading spaces", "trailing spaces   ",
    "many" + " " * 40 + "spaces", "ideographic\u3000space", "em\u2003space", "line\u2028separator",
    "!!!???...", "¿Qué?", "¡Hola!", "<html>", "a/b\\c", "snake_case_name", "kebab-case-name", "CamelCaseName",
    "email@example.com", "https://example.com/a?b=c&d=e#f", "#hashtag @mention", "~tilde~", "`code`",
    "[brackets] {braces} (parens)", "a—dash–en", "…ellipsis", "«guillemets»", "„low quotes“", "‘single’ “double”",
    "", " ", "a", "A", "0", ".", "'", "''s", "'s'", "aaaaaaaaaaaaaaaaaaaaaaaa", "abcabcabcabc",
    "supercalifragilisticexpialidocious", "pneumonoultramicroscopicsilicovolcanoconiosis",
]
POOLS = {
    "latin": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "accents": "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿÀÉÎÕÜßœŒ",
    "cjk": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年猫狗鸟",
    "kana": "あいうえおかきくけこアイウエオカキクケコ",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשת",
    "digits": "0123456789٠١٢٣٤٥٦٧٨٩",
    "punct": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~¡¿§¶•",
    "emoji": "😀😃🐱🐶🌍🚗🍕🎉❤👍",
    "space": "    \t\n\u00a0\u3000",
}
WORDS = ["cat", "dog", "photo", "of", "a", "the", "red", "green", "blue", "circuit", "board", "it's", "we'll"]


def _random_line(rng, length, pools):
    chars = []
    while len(chars) < length:
        if rng.random() < 0.3:
            chars.extend(rng.choice(WORDS) + " ")
        else:
            chars.append(rng.choice(POOLS[rng.choice(pools)]))
    return "".join(chars[:length])


def corpus():
    rng = random.Random(2024)
    cases = list(BASE)
    cases += [s.upper() for s in BASE[:20]] + [s.title() for s in BASE[20:40]]
    cases += [f"a photo of {n} {w}s" for n, w in zip(range(0, 2000, 97), WORDS * 2)]
    for i in range(40):
        cases.append(_random_line(rng, rng.randint(5, 60), list(POOLS)))
    for pools in (["latin"], ["cjk"], ["arabic", "space"], ["emoji", "punct"], ["accents", "digits"],
                  list(POOLS)):
        cases.append(_random_line(rng, 500, pools))  # 500-character lines: truncated to 77 tokens
    cases += [" " * 30 + "x" + "\t" * 10 + "y" + "\n" * 10, "cat " * 200, "猫" * 200, "🐱" * 100]
    return cases


if __name__ == "__main__":
    print(len(corpus()))
