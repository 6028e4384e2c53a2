/** How the file names the software that made it (the header's Source). */
export const CENSUS_FILE_SOURCE = { softwareCode: 'csc-front-door', release: '0.1.0' } as const;
