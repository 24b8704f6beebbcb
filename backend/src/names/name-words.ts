/** Short, friendly words for suggested hostnames: lower-case letters only, so any mix is a DNS label. */
export const ADJECTIVES = [
  'amber', 'bold', 'brave', 'bright', 'calm', 'clever', 'cosmic', 'crisp', 'dapper', 'eager',
  'fancy', 'fearless', 'gentle', 'glad', 'golden', 'happy', 'hardy', 'humble', 'jolly', 'keen',
  'kind', 'lively', 'lucky', 'mellow', 'merry', 'mighty', 'misty', 'nimble', 'noble', 'plucky',
  'polite', 'proud', 'quick', 'quiet', 'rapid', 'rustic', 'shiny', 'silent', 'sleek', 'snowy',
  'solid', 'spry', 'steady', 'stellar', 'sunny', 'swift', 'tidy', 'trusty', 'vivid', 'witty',
];

export const NOUNS = [
  'badger', 'beacon', 'bison', 'breeze', 'canyon', 'cedar', 'comet', 'coral', 'crane', 'delta',
  'dolphin', 'falcon', 'fern', 'fjord', 'fox', 'glacier', 'harbor', 'hawk', 'heron', 'island',
  'lagoon', 'lark', 'lynx', 'maple', 'meadow', 'mesa', 'moose', 'nebula', 'oak', 'orca',
  'osprey', 'otter', 'panda', 'pebble', 'pine', 'quartz', 'raven', 'reef', 'ridge', 'river',
  'robin', 'sparrow', 'spruce', 'summit', 'tiger', 'tundra', 'walrus', 'willow', 'wolf', 'zephyr',
];
