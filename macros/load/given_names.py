"""Common given names in the UK, for spotting "First Last" names in contributed text.

Written for this guide, not downloaded: a few hundred names from across the UK's communities.
Names that are also everyday words or start place names (April, May, June, Will, Hope, Faith,
Joy, Frank, Dean, Christian, Sydney, Aston, Glen, Leighton...) are left out on purpose, so
"Will Probation...", "Talk to Frank" or "Leighton Buzzard" never reads as a person.
"""

from __future__ import annotations

GIVEN_NAMES: frozenset[str] = frozenset(
    """
    Aaliyah Aaron Abbie Abby Abdul Abdullah Abigail Adam Adel Adrian Ahmed Aidan Aimee Aisha Alan
    Alana Albert Alex Alexander Alexandra Alfie Ali Alice Alicia Alison Amanda Amara Amelia Amina Amir
    Amit Amy Andrea Andrew Andy Angela Angus Anil Anita Ann Anna Anne Annie Anthony Anton Anwar Arjun
    Arthur Asha Ashley Asif Ayesha Barbara Barry Beata Becky Ben Benjamin Bethan Bethany Beverley
    Billy Blessing Bogdan Bradley Brandon Brenda Brian Bridget Bronwen Bryony Callum Cameron Carl Carla
    Carly Caroline Carys Catherine Cerys Chantelle Charlene Charles Charlie Charlotte Chelsea Cheryl Chloe
    Chris Christine Christopher Ciara Ciaran Claire Clare Colin Connor Conor Craig Dafydd Daisy Dale Damian
    Damien Dan Dana Daniel Daniela Danielle Danny Darren Dave David Dawid Debbie Deborah Declan Delroy Denise
    Dennis Derek Desmond Dev Dewi Diane Dominic Donna Dorota Douglas Duncan Dylan Eddie Edward Eileen Elaine
    Eleanor Elena Eliza Elizabeth Ella Ellie Elliot Elliott Emily Emma Eric Erin Ethan Eve Evie Ewa Fatima
    Fay Finley Finn Fiona Frances Francesca Gareth Garry Gary Gavin Gemma Geoffrey George Georgia Gerald
    Gerard Gillian Glenn Gordon Graham Greg Gregory Gurpreet Gwen Hamza Hannah Harjit Harriet Harry
    Harvey Hassan Hayley Heather Helen Henry Hollie Hussain Ian Idris Imran Irene Isaac Isabel Isabella
    Isla Jack Jackie Jade Jacob Jacqueline Jake Jakub James Jamal Jamie Jan Jane Janet Janice Jasmine Jason
    Jaspreet Jayden Jean Jeff Jemma Jennifer Jenny Jeremy Jessica Jill Jo Joan Joanna Joanne Jodie Joe
    Joel Johanna John Jon Jonathan Jordan Joseph Josh Joshua Joyce Judith Julia Julie Justin Kacper Kamal
    Karen Karim Kate Katie Katarzyna Kathleen Kayleigh Keith Kelly Kerry Kevin Khadija Kieran Kim Kirsty
    Kyle Laura Lauren Leah Lee Leon Leroy Lesley Leslie Lewis Liam Lily Linda Lindsay Lisa Liz
    Lloyd Logan Lorraine Louise Lucy Luke Lynn Lynne Madison Magdalena Mandy Manpreet Marc Marcus Marek
    Margaret Maria Marie Marion Mark Martin Mary Mason Matthew Maureen Max Megan Mehmet Melanie Michael
    Michaela Michelle Mike Mohamed Mohammad Mohammed Molly Monika Muhammad Nadia Naomi Natalie Natasha
    Nathan Neil Niall Nicola Nicole Nigel Nikki Noah Norman Olga Oliver Olivia Omar Oscar Owen Paige
    Pamela Patricia Patrick Paul Paula Pauline Pawel Peter Philip Phillip Piotr Priya Rachel Rajesh
    Ravinder Rebecca Rhian Rhys Richard Rita Robert Robyn Rosie Ross Russell Ruth Ryan Sabrina Sadia Saeed
    Sally Sam Samantha Samir Samuel Sandra Sara Sarah Scott Sean Shabana Shannon Sharon Shaun Shauna
    Sheila Shirley Siobhan Simon Sinead Sion Sophie Stacey Stella Stephen Steve Steven Stuart Sukhdeep
    Susan Suzanne Tanya Tariq Terry Theresa Thomas Tina Toby Tom Tomasz Tommy Tony Tracey Tracy Trevor
    Tyler Tyrone Vanessa Vera Vicky Victoria Vikram Vincent Wayne Wendy Wiktoria William Winston Wojciech
    Yasmin Yusuf Zahra Zainab Zara Zoe
    """.split()
)
